/**
 * How offsets of a file move when its text changes: the text before the first difference stays,
 * the text after the last one moves by the length change, and nothing inside the changed region
 * can be carried over.
 */
export interface TextShift {
  /** Offsets up to here are unchanged. */
  prefix: number;
  /** Old offsets from here on move by `delta`. */
  oldEnd: number;
  delta: number;
  /** The change added or removed line breaks, so line numbers after it moved. */
  linesMoved: boolean;
}

export function textShift(before: string, after: string): TextShift {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const oldEnd = before.length - s;
  const newEnd = after.length - s;
  return { prefix: p, oldEnd, delta: newEnd - oldEnd, linesMoved: countBreaks(before, p, oldEnd) !== countBreaks(after, p, newEnd) };
}

/**
 * The new place of an old span start, or undefined when it lay inside the changed region. A start
 * right where text was inserted moves with the text after it.
 */
export function shiftStart(shift: TextShift, offset: number): number | undefined {
  if (offset < shift.prefix) return offset;
  if (offset >= shift.oldEnd) return offset + shift.delta;
  return undefined;
}

/** The new place of an old span end; an end right where text was inserted stays before it. */
export function shiftEnd(shift: TextShift, offset: number): number | undefined {
  if (offset <= shift.prefix) return offset;
  if (offset >= shift.oldEnd) return offset + shift.delta;
  return undefined;
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
