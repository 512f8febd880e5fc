/**
 * The line table the block reader walks: where each line starts and ends, its indentation, and
 * whether it is blank, a comment or content. Texts with what only the full parser handles
 * (tabs, a carriage return outside CRLF, control characters, a byte-order mark, document markers,
 * directives)
 * are refused here.
 */
import { unsupported } from './scalars';

export const BLANK = 0;
export const COMMENT = 1;
export const CONTENT = 2;

export interface Lines {
  count: number;
  /** Offset of the line's first character. */
  start: Int32Array;
  /** Offset of the line's break (`\n`, or the `\r` of `\r\n`), or the text's length on the last line. */
  end: Int32Array;
  /** Leading spaces. */
  indent: Int32Array;
  kind: Uint8Array;
}

// eslint-disable-next-line no-control-regex
const REFUSED = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\ufeff\u0085\u2028\u2029]|\r(?!\n)/;

export function scanLines(text: string): Lines {
  if (REFUSED.test(text)) unsupported('tab, lone carriage return or control character');
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const lines: Lines = { count, start: new Int32Array(count), end: new Int32Array(count), indent: new Int32Array(count), kind: new Uint8Array(count) };
  let at = 0;
  for (let n = 0; n < count; n++) {
    const nl = text.indexOf('\n', at);
    // A CRLF line ends at its `\r`, where the line break starts.
    const end = nl < 0 ? text.length : nl > at && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let i = at;
    while (i < end && text.charCodeAt(i) === 32) i++;
    lines.start[n] = at;
    lines.end[n] = end;
    lines.indent[n] = i - at;
    const c = text.charCodeAt(i);
    lines.kind[n] = i === end ? BLANK : c === 35 ? COMMENT : CONTENT;
    if (i === at && i < end && (c === 37 || ((c === 45 || c === 46) && text.startsWith(c === 45 ? '---' : '...', i)))) {
      unsupported('directive or document marker');
    }
    at = nl + 1;
  }
  return lines;
}
