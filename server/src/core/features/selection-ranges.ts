import type { SNode } from '../workspace/nodes';

/** Offsets of the nested syntax around a position, innermost first: value, key: value, block … */
export function selectionRanges(root: SNode | undefined, text: string, offset: number): { start: number; end: number }[] {
  const chain: { start: number; end: number }[] = [{ start: 0, end: text.length }];
  const trim = (start: number, end: number) => {
    let e = end;
    while (e > start && /\s/.test(text[e - 1]!)) e--;
    return { start, end: e };
  };
  const push = (start: number, end: number) => {
    const r = trim(start, end);
    const last = chain[chain.length - 1]!;
    if (r.start >= last.start && r.end <= last.end && (r.start !== last.start || r.end !== last.end)) chain.push(r);
  };
  let n: SNode | undefined = root;
  for (let depth = 0; n && depth < 200; depth++) {
    if (n.kind === 'include' || n.kind === 'scalar') {
      push(n.kind === 'include' ? n.tagStart : n.start, n.end);
      break;
    }
    push(n.start, n.end);
    let next: SNode | undefined;
    if (n.kind === 'map') {
      const entry = n.entries.find((e) => e.keyStart <= offset && offset <= Math.max(e.value.end, e.keyEnd));
      if (entry) {
        push(entry.keyStart, Math.max(entry.value.end, entry.keyEnd));
        if (offset <= entry.keyEnd && offset >= entry.keyStart && offset < entry.value.start) {
          push(entry.keyStart, entry.keyEnd);
          break;
        }
        next = entry.value;
      }
    } else next = n.items.find((i) => i.start <= offset && offset <= i.end);
    n = next;
  }
  return chain.reverse();
}
