import type { LineIndex } from '../text/line-index';
import type { SNode } from '../workspace/nodes';

export interface Fold {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

/** Folds for every block map or list spanning lines, and for runs of comment lines. */
export function foldingRanges(root: SNode | undefined, text: string, lines: LineIndex): Fold[] {
  const out: Fold[] = [];
  const lastLine = (end: number) => {
    let e = end;
    while (e > 0 && /\s/.test(text[e - 1]!)) e--;
    return lines.position(e).line;
  };
  const add = (start: number, end: number) => {
    const s = lines.position(start).line;
    const e = lastLine(end);
    if (e > s) out.push({ startLine: s, endLine: e, kind: 'region' });
  };
  const visit = (n: SNode | undefined, depth: number) => {
    if (!n || depth > 200) return;
    if (n.kind === 'map') {
      for (const e of n.entries) {
        if (e.value.kind === 'map' || e.value.kind === 'seq') add(e.keyStart, e.value.end);
        visit(e.value, depth + 1);
      }
    } else if (n.kind === 'seq') {
      for (const item of n.items) {
        if (item.kind === 'map' && item.file === n.file) add(item.start, item.end);
        visit(item, depth + 1);
      }
    }
  };
  visit(root, 0);
  let run = -1;
  for (let l = 0; l <= lines.lineCount; l++) {
    const isComment = l < lines.lineCount && /^\s*#/.test(lines.lineText(l));
    if (isComment && run < 0) run = l;
    if (!isComment && run >= 0) {
      if (l - 1 > run) out.push({ startLine: run, endLine: l - 1, kind: 'comment' });
      run = -1;
    }
  }
  return out;
}
