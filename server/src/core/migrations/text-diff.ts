/**
 * Line diffs of a file's text before and after a migration: unified diffs for `--diff` and the
 * preview, and minimal text edits (only changed lines) for the editor's WorkspaceEdit.
 */
import type { TextEdit } from './plan';

type Op = { kind: 'same' | 'del' | 'add'; line: string };

/** Splits keeping line terminators, so joining the parts gives the text back. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Myers' O(ND) diff over lines, with the common head and tail trimmed first. */
export function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const A = a.slice(head, a.length - tail);
  const B = b.slice(head, b.length - tail);
  const middle = myers(A, B);
  return [...a.slice(0, head).map((line) => ({ kind: 'same' as const, line })), ...middle, ...a.slice(a.length - tail).map((line) => ({ kind: 'same' as const, line }))];
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  // Past this many edit steps the exact diff costs too much: one replacement block is still correct.
  const limit = Math.min(max, 4000);
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d, offset);
    }
  }
  return [...a.map((line) => ({ kind: 'del' as const, line })), ...b.map((line) => ({ kind: 'add' as const, line }))];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], dEnd: number, offset: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    // trace[d] holds the furthest x per diagonal after d - 1 steps.
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: 'same', line: a[x - 1]! });
      x--;
      y--;
    }
    if (x === prevX) ops.push({ kind: 'add', line: b[--y]! });
    else ops.push({ kind: 'del', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: 'same', line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

/** Edits that turn `before` into `after`, one per changed run of lines. */
export function minimalEdits(file: string, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const ops = diffLines(splitLines(before), splitLines(after));
  const edits: TextEdit[] = [];
  let offset = 0;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'same') {
      offset += ops[i]!.line.length;
      i++;
      continue;
    }
    const start = offset;
    let text = '';
    while (i < ops.length && ops[i]!.kind !== 'same') {
      if (ops[i]!.kind === 'del') offset += ops[i]!.line.length;
      else text += ops[i]!.line;
      i++;
    }
    edits.push({ file, start, end: offset, text });
  }
  return edits;
}

/** A unified diff (3 lines of context); `before` undefined is a new file, `after` undefined a deleted one. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  const ops = diffLines(a, b);
  if (!ops.some((o) => o.kind !== 'same')) return '';
  let out = `--- ${before === undefined ? '/dev/null' : `a/${path}`}\n+++ ${after === undefined ? '/dev/null' : `b/${path}`}\n`;
  // Positions of each op in a and b.
  const pos: { ai: number; bi: number }[] = [];
  let ai = 0;
  let bi = 0;
  for (const o of ops) {
    pos.push({ ai, bi });
    if (o.kind !== 'add') ai++;
    if (o.kind !== 'del') bi++;
  }
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'same') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are within 2*context lines of each other.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== 'same') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === 'same') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const aStart = pos[start]!.ai;
    const bStart = pos[start]!.bi;
    let aLen = 0;
    let bLen = 0;
    let body = '';
    for (let j = start; j < stop; j++) {
      const o = ops[j]!;
      const line = o.line.endsWith('\n') ? o.line : `${o.line}\n\\ No newline at end of file\n`;
      if (o.kind === 'same') {
        aLen++;
        bLen++;
        body += ` ${line}`;
      } else if (o.kind === 'del') {
        aLen++;
        body += `-${line}`;
      } else {
        bLen++;
        body += `+${line}`;
      }
    }
    out += `@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@\n${body}`;
    i = stop;
    start = stop;
  }
  return out;
}
