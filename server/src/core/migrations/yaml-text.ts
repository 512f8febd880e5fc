/**
 * Minimal text edits on YAML, computed from the source-tracked nodes' offsets: an edit touches the
 * lines of what it changes and nothing else, so comments, key order, quoting, anchors and the
 * indentation of the rest of the file stay as written. New values are rendered with the `yaml`
 * package in the files' block style (sequences not indented under their key, single quotes).
 */
import { Document, isScalar, isSeq, stringify, visit } from 'yaml';
import type { SEntry, SMap, SScalar } from '../workspace/nodes';
import type { TextEdit } from './plan';

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line's newline (or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** True when only spaces (or a `- ` sequence marker) precede the offset on its line. */
function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

/**
 * End of the block that starts on the line of `offset` and belongs to a key (or item) at `col`:
 * every following line indented deeper (and, for a sequence written at the key's own column, its
 * `- ` items). Blank and comment lines count only when more of the block follows them, so a
 * comment that introduces the next key stays with that key.
 */
export function blockEnd(text: string, offset: number, col: number, seqAtCol = false): number {
  let pos = lineEnd(text, offset);
  let end = pos;
  while (pos < text.length) {
    const next = lineEnd(text, pos);
    const line = text.slice(pos, next).replace(/\r?\n$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      pos = next;
      continue;
    }
    const ind = indentOf(line);
    const ok = ind > col || (seqAtCol && ind === col && /^-( |$)/.test(trimmed));
    if (!ok) break;
    pos = next;
    end = next;
  }
  return end;
}

/** The lines an entry of a block map occupies: `[start, end)`, and the key's column. */
export function entryRange(text: string, entry: SEntry): { start: number; end: number; col: number; ownLine: boolean } {
  const col = column(text, entry.keyStart);
  const ownLine = startsLine(text, entry.keyStart);
  const seqAtCol = entry.value.kind === 'seq' && text[entry.value.start] !== '[';
  const end = blockEnd(text, entry.keyStart, col, seqAtCol);
  return { start: ownLine ? lineStart(text, entry.keyStart) : entry.keyStart, end, col, ownLine };
}

/** Comment lines right above `start` (no blank line between) at the same column: they describe what follows. */
export function leadingComments(text: string, start: number, col: number): number {
  let s = start;
  while (s > 0) {
    const prev = lineStart(text, s - 1);
    const line = text.slice(prev, s).replace(/\r?\n$/, '');
    if (!line.trimStart().startsWith('#') || indentOf(line) !== col) break;
    s = prev;
  }
  return s;
}

/** Removes an entry (with the comment lines attached above it, unless told to keep them) from a block map. */
export function removeEntry(text: string, map: SMap, entry: SEntry, keepComments = false): TextEdit {
  const r = entryRange(text, entry);
  const idx = map.entries.indexOf(entry);
  if (!r.ownLine) {
    // The first key of a `- key: v` item: pull the next key up onto the marker line.
    const next = map.entries[idx + 1];
    if (next) return { file: map.file, start: entry.keyStart, end: next.keyStart, text: '' };
    return { file: map.file, start: entry.keyStart, end: r.end, text: '{}\n' };
  }
  if (map.entries.length === 1 && map.entries[0] === entry) {
    // The map's only key: leave an empty map rather than a dangling parent key.
    return { file: map.file, start: r.start, end: r.end, text: `${' '.repeat(r.col)}{}\n` };
  }
  return { file: map.file, start: keepComments ? r.start : leadingComments(text, r.start, r.col), end: r.end, text: '' };
}

/** Inserts rendered entries after `after` (or after the map's last entry). */
export function insertAfter(text: string, map: SMap, after: SEntry | undefined, render: (col: number) => string): TextEdit {
  const anchor = after ?? map.entries[map.entries.length - 1];
  if (!anchor) throw new Error(`cannot insert into an empty map in ${map.file}`);
  const r = entryRange(text, anchor);
  const needsNewline = r.end === text.length && !text.endsWith('\n');
  return { file: map.file, start: r.end, end: r.end, text: (needsNewline ? '\n' : '') + render(r.col) };
}

/** Inserts rendered entries before `before` (at its line, so comments above it stay above the new text). */
export function insertBefore(text: string, map: SMap, before: SEntry, render: (col: number) => string): TextEdit {
  const r = entryRange(text, before);
  if (!r.ownLine) {
    // Before the first key of a `- key:` item: write the new keys after the marker, then re-indent the old first key.
    const body = render(r.col);
    return { file: map.file, start: before.keyStart, end: before.keyStart, text: body.slice(r.col) + ' '.repeat(r.col) };
  }
  return { file: map.file, start: r.start, end: r.start, text: render(r.col) };
}

/** Replaces an entry (key and value) with rendered text at the entry's column. */
export function replaceEntry(text: string, entry: SEntry, file: string, render: (col: number) => string): TextEdit {
  const r = entryRange(text, entry);
  const body = render(r.col);
  return { file, start: r.start, end: r.end, text: r.ownLine ? body : body.slice(r.col) };
}

export function renameKey(entry: SEntry, file: string, newKey: string): TextEdit {
  return { file, start: entry.keyStart, end: entry.keyEnd, text: newKey };
}

/** Replaces a scalar, keeping its quoting style when the new value needs none of its own. */
export function replaceScalar(node: SScalar, value: string): TextEdit {
  return { file: node.file, start: node.start, end: node.end, text: scalarText(value, node.quoted ? 'single' : 'plain') };
}

/** A scalar as YAML text: plain when that reads back as the same string, else quoted. */
export function scalarText(value: string | number | boolean | null, prefer: 'plain' | 'single' = 'plain'): string {
  if (typeof value !== 'string') return String(value);
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  if (prefer === 'single' || plain !== value) return `'${value.replace(/'/g, "''")}'`;
  return plain;
}

/** Keys whose lists of scalars the files write in flow style (`content: [images, rootdir]`). */
const FLOW_KEYS = new Set(['content', 'tags']);

/** YAML block text of a value (map, list or scalar) for `key:` at column `col`, newline-terminated. */
export function renderEntry(key: string, value: unknown, col: number): string {
  return indent(render({ [key]: value }), col);
}

/** YAML text of a list item (`- …`) at column `col`. */
export function renderItem(value: unknown, col: number): string {
  return indent(render([value]), col);
}

export function render(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && FLOW_KEYS.has(String(pair.key.value)) && isSeq(pair.value) && pair.value.items.every((i) => isScalar(i))) pair.value.flow = true;
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0, flowCollectionPadding: false });
}

export function indent(block: string, col: number): string {
  if (col === 0) return block;
  const pad = ' '.repeat(col);
  return block
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

/** Shifts every line of a block from one column to another (for text moved verbatim). */
export function reindent(block: string, from: number, to: number): string {
  if (from === to) return block;
  return block
    .split('\n')
    .map((l) => {
      if (l.trim() === '') return l.trim();
      const ind = indentOf(l);
      const cut = Math.min(ind, from);
      return ' '.repeat(to) + ' '.repeat(ind - cut) + l.trimStart();
    })
    .join('\n');
}

/**
 * The source text of an entry's value, re-indented so its nested lines sit under a key at `toCol`.
 * Used to move values verbatim (with their comments and quoting). Undefined when the value uses an
 * alias or anchor, which would not survive a move to another file.
 */
export function movableValueText(text: string, entry: SEntry, toCol: number): string | undefined {
  const r = entryRange(text, entry);
  const keyLineEnd = lineEnd(text, entry.keyStart);
  const first = text.slice(entry.keyEnd, keyLineEnd); // `: value` (or `:` for a block value)
  const rest = text.slice(keyLineEnd, r.end);
  if (/(^|[\s[{,:-])[&*][A-Za-z0-9_-]/.test(`${first.slice(1)}\n${rest.replace(/#.*$/gm, '')}`)) return undefined;
  const head = first.replace(/^\s*:/, ':');
  return head + reindent(rest, r.col, toCol);
}
