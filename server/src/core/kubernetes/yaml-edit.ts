import { entryOf, type SMap, type SNode } from '../workspace/nodes';
import type { TextEdit } from './edits';

/**
 * Text edits that add or change keys of block-style YAML maps while keeping the file's own
 * indentation and comments. Values are given as lines relative to the key (child lines indented by
 * two spaces), e.g. `['labels:', '  app: web']`.
 */

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The end of the last non-blank character inside a node. */
function contentEnd(text: string, node: SNode): number {
  let e = node.end;
  while (e > node.start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function isFlow(text: string, node: SNode): boolean {
  return text[node.start] === '{' || text[node.start] === '[';
}

function indentLines(lines: string[], indent: number): string {
  return lines.map((l) => `\n${' '.repeat(indent)}${l}`).join('');
}

/** Adds entries at the end of a block map (or replaces an empty/flow map's value with a block). */
export function addEntries(text: string, map: SMap, lines: string[], parentKeyColumn?: number): TextEdit {
  const first = map.entries[0];
  if (first && !isFlow(text, map)) {
    const indent = columnOf(text, first.keyStart);
    const at = lineEndAt(text, contentEnd(text, map));
    return { file: map.file, start: at, end: at, newText: indentLines(lines, indent) };
  }
  // `key: {}` (or an empty map): the new block goes under the key.
  const indent = (parentKeyColumn ?? columnOf(text, map.start)) + 2;
  return { file: map.file, start: lineStartTrim(text, map.start), end: map.end, newText: indentLines(lines, indent) };
}

/** Where a value starts, pulled back to right after `key:` so a block can replace it. */
function lineStartTrim(text: string, valueStart: number): number {
  let s = valueStart;
  while (s > 0 && text[s - 1] === ' ') s--;
  return s;
}

/**
 * Sets `key` in `map` to a scalar (`value`) or a block (`block` lines). Replaces an existing value,
 * otherwise appends the entry.
 */
export function setEntry(text: string, map: SMap, key: string, value: { scalar: string } | { block: string[] }, parentKeyColumn?: number): TextEdit {
  const e = entryOf(map, key);
  if (e && map.entries.includes(e)) {
    const keyCol = columnOf(text, e.keyStart);
    if ('scalar' in value) {
      if (e.value.end === e.value.start) return { file: map.file, start: e.keyEnd, end: lineEndAt(text, e.keyEnd), newText: `: ${value.scalar}` };
      return { file: map.file, start: e.value.start, end: contentEnd(text, e.value), newText: value.scalar };
    }
    return { file: map.file, start: e.keyEnd, end: contentEnd(text, e.value) > e.keyEnd ? contentEnd(text, e.value) : lineEndAt(text, e.keyEnd), newText: `:${indentLines(value.block, keyCol + 2)}` };
  }
  const lines = 'scalar' in value ? [`${key}: ${value.scalar}`] : [`${key}:`, ...value.block.map((l) => `  ${l}`)];
  return addEntries(text, map, lines, parentKeyColumn);
}
