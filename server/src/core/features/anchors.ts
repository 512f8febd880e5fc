/**
 * YAML anchors and aliases are scoped to one file (docs/format.md#anchors-and-aliases), and the loaded tree has already
 * replaced aliases by their values, so they are found in the file's text.
 */
const NAME = /[^\s,[\]{}]/;

/** The `*name` alias covering `offset`, if any. */
export function aliasAt(text: string, offset: number): { name: string; start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && NAME.test(text[start - 1]!)) start--;
  if (text[start] !== '*' && start > 0 && text[start - 1] === '*') start--;
  if (text[start] !== '*') return undefined;
  let end = start + 1;
  while (end < text.length && NAME.test(text[end]!)) end++;
  if (end === start + 1 || (start > 0 && !/[\s:[,{-]/.test(text[start - 1]!))) return undefined;
  return { name: text.slice(start + 1, end), start, end };
}

/** The last `&name` anchor before `before`: the one an alias there refers to. */
export function anchorBefore(text: string, name: string, before: number): { start: number; end: number } | undefined {
  const re = new RegExp(`(^|[\\s\\[{,:-])&${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s,\\]}]|$)`, 'g');
  let found: { start: number; end: number } | undefined;
  for (let m = re.exec(text); m && m.index < before; m = re.exec(text)) {
    const start = m.index + m[1]!.length;
    found = { start, end: start + 1 + name.length };
  }
  return found;
}
