/**
 * Scalars as the `yaml` package's core schema (YAML 1.2) reads them: plain scalars resolved to
 * null, booleans and numbers by the same patterns, quoted scalars unescaped. Anything the block
 * reader does not handle throws `Unsupported`, so the file goes to the full parser instead.
 */
import type { ScalarValue } from '../nodes';

/** Thrown where a text needs the full YAML parser (parse-file.ts catches it and falls back). */
export class Unsupported extends Error {}

export function unsupported(why: string): never {
  throw new Unsupported(why);
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain scalar (the same tag order as the core schema). */
export function resolvePlain(s: string): ScalarValue {
  const c = s.charCodeAt(0);
  // Only these first characters can start a null, a boolean or a number.
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numeric && c !== 126 && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70 && s !== '') return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (!numeric) return s;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** A quoted scalar that closes on its line: its value and the offset after the closing quote. */
export function readQuoted(text: string, at: number, lineEnd: number): { value: string; end: number } {
  return text.charCodeAt(at) === 34 ? readDouble(text, at, lineEnd) : readSingle(text, at, lineEnd);
}

function readSingle(text: string, at: number, lineEnd: number): { value: string; end: number } {
  let value = '';
  let from = at + 1;
  for (;;) {
    const q = text.indexOf("'", from);
    if (q < 0 || q >= lineEnd) unsupported('multi-line single-quoted scalar');
    value += text.slice(from, q);
    if (text.charCodeAt(q + 1) === 39 && q + 1 < lineEnd) {
      value += "'";
      from = q + 2;
      continue;
    }
    return { value, end: q + 1 };
  }
}

function readDouble(text: string, at: number, lineEnd: number): { value: string; end: number } {
  let value = '';
  let i = at + 1;
  let from = i;
  for (; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return { value: value + text.slice(from, i), end: i + 1 };
    if (c !== 92) continue;
    value += text.slice(from, i);
    const next = text[i + 1];
    if (next === undefined || i + 1 >= lineEnd) unsupported('escaped line break');
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i += 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = text.substr(i + 2, len);
      if (i + 2 + len > lineEnd || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) unsupported('bad escape');
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) unsupported('bad escape');
      value += String.fromCodePoint(code);
      i += 1 + len;
    } else {
      unsupported('bad escape');
    }
    from = i + 1;
  }
  return unsupported('multi-line double-quoted scalar');
}
