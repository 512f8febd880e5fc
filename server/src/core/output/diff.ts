/** Unified diffs in plain TypeScript (Myers' O(ND) algorithm over lines), for `--diff` and the editor. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(trace, a, b, offset, d);
      }
    }
    v = next;
  }
  return [];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x]! }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: ' ', line: a[--x]! }), y--;
  return ops.reverse();
}

/**
 * A unified diff of two texts (`--- a/<path>` / `+++ b/<path>`), or '' when they are equal. A side
 * that does not exist is `undefined` and shown as /dev/null.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  const ops = myers(a, b);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${path}`}\n+++ ${after === undefined ? '/dev/null' : `b/${path}`}\n`;
  const positions: { a: number; b: number }[] = [];
  let aLine = 0;
  let bLine = 0;
  for (const op of ops) {
    positions.push({ a: aLine, b: bLine });
    if (op.kind !== '+') aLine++;
    if (op.kind !== '-') bLine++;
  }
  // Group changed lines whose distance is at most 2*context into one hunk.
  const changed = ops.flatMap((o, idx) => (o.kind === ' ' ? [] : [idx]));
  const groups: [number, number][] = [];
  for (const idx of changed) {
    const last = groups[groups.length - 1];
    if (last && idx - last[1] <= 2 * context) last[1] = idx;
    else groups.push([idx, idx]);
  }
  const hunks = groups.map(([first, lastChange]) => {
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length, lastChange + context + 1);
    const slice = ops.slice(start, end);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    const p = positions[start]!;
    return `@@ -${aCount === 0 ? p.a : p.a + 1},${aCount} +${bCount === 0 ? p.b : p.b + 1},${bCount} @@\n${slice.map((o) => `${o.kind}${o.line}\n`).join('')}`;
  });
  const noEol = (t: string | undefined) => t !== undefined && t !== '' && !t.endsWith('\n');
  return header + hunks.join('') + (noEol(before) || noEol(after) ? '\\ No newline at end of file\n' : '');
}
