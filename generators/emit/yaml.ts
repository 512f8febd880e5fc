/**
 * Deterministic YAML writing. Strings that are not unmistakably plain are double-quoted with JSON
 * escapes (valid YAML), so quotes, backslashes, newlines, `: `, `#`, leading `-`/`*`/`&`/`!`,
 * YAML 1.1 booleans (`yes`, `off`) and numbers-as-text (`'16'`) all stay strings and cannot start
 * new keys or documents. Free text that Ansible would template (`{{ … }}`) can be written `!unsafe`.
 */

/** Free text that must reach Ansible literally (descriptions): tagged `!unsafe` when it holds `{{`/`{%`/`{#`. */
export class LiteralText {
  constructor(readonly text: string) {}
}

export type YamlValue = string | number | boolean | null | undefined | LiteralText | YamlValue[] | { [key: string]: YamlValue };

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+-]*(?: [A-Za-z0-9_./@+()-]+)*$/;
const YAML11_SPECIAL = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

export function yamlString(s: string): string {
  if (PLAIN.test(s) && !YAML11_SPECIAL.test(s)) return s;
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function scalar(v: Exclude<YamlValue, YamlValue[] | { [key: string]: YamlValue }>): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof LiteralText) return /\{[{%#]/.test(v.text) ? `!unsafe ${JSON.stringify(v.text)}` : yamlString(v.text);
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  return v ? 'true' : 'false';
}

const isMap = (v: YamlValue): v is { [key: string]: YamlValue } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof LiteralText);

function emit(v: YamlValue, indent: string, out: string[]): void {
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const key = yamlString(k);
      if (isMap(x) && Object.values(x).some((y) => y !== undefined)) {
        out.push(`${indent}${key}:`);
        emit(x, `${indent}  `, out);
      } else if (Array.isArray(x) && x.length > 0) {
        out.push(`${indent}${key}:`);
        emit(x, indent, out);
      } else out.push(`${indent}${key}: ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) {
      if (isMap(x) && Object.values(x).some((y) => y !== undefined)) {
        const sub: string[] = [];
        emit(x, `${indent}  `, sub);
        out.push(`${indent}- ${sub[0]!.slice(indent.length + 2)}`, ...sub.slice(1));
      } else if (Array.isArray(x) && x.length > 0) {
        const sub: string[] = [];
        emit(x, `${indent}  `, sub);
        out.push(`${indent}- ${sub[0]!.slice(indent.length + 2)}`, ...sub.slice(1));
      } else out.push(`${indent}- ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
    return;
  }
  out.push(`${indent}${scalar(v)}`);
}

/** A YAML document: header comment lines, `---`, then the value. */
export function yamlFile(header: string, value: YamlValue): string {
  const out: string[] = [];
  emit(value, '', out);
  return `${header}\n---\n${out.join('\n')}\n`;
}

/** Plain data from the model (configs, vars) as YAML values, keys in their written order. */
export function fromPlain(v: unknown): YamlValue {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v as YamlValue;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (typeof v === 'object') {
    const o: { [key: string]: YamlValue } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = fromPlain(x);
    return o;
  }
  return String(v);
}
