/**
 * Phase 1: a monolithic L3 layer file becomes the modular tree (docs/format.md#l3-modular-layout): `topology/L3-data/`
 * with an `_index.yaml` map of `!include <collection>/_index.yaml`, each an ordered list of
 * `- !include <id>.yaml` lines (group comments kept) and one file per entity. In a workspace that
 * already loads folders with `!include_dir_sorted`, each collection becomes such a folder instead.
 * Entity text moves verbatim (comments, quoting); an entity using an alias is written out in full.
 */
import { deref, toJS, type SEntry, type SInclude, type SMap, type SSeq } from '../workspace/nodes';
import { dirname, join, relative } from '../workspace/paths';
import { kebab, mapAt } from './collections';
import { defineMigration } from './migration';
import type { PlanBuilder } from './plan-builder';
import { blockEnd, column, lineStart, render } from './yaml-text';

export const l3ModularLayoutMigration = defineMigration('l3-modular-layout', {
  fixes: [],
  itemScoped: false,
  plan({ model }, b) {
    const l3 = mapAt(model, ['L3_data']);
    if (!l3) return;
    const inlineLists = l3.entries.filter((e) => e.value.kind === 'seq' && (e.value as SSeq).items.some((i) => deref(i)?.kind === 'map'));
    if (!inlineLists.length) return;
    const include = model.assembly.edges.find((e) => e.targets[0] === l3.file && !e.include.dir)?.include;
    const dirSorted = model.assembly.edges.some((e) => e.include.dir);
    const text = b.text(l3.file);
    const folder = l3.file.replace(/\.ya?ml$/i, '');
    if (dirSorted || !include || l3.file.endsWith('_index.yaml')) {
      // Keep the layer file; each inline collection becomes a folder (or an index) beside it.
      const base = l3.file.endsWith('_index.yaml') ? dirname(l3.file) : folder;
      for (const e of inlineLists) splitInPlace(b, l3, e, text, dirSorted ? 'dir' : 'index', join(base, kebab(e.key)));
      return;
    }
    const indexPath = join(folder, '_index.yaml');
    if (b.exists(indexPath)) {
      b.fillIn({ file: indexPath, message: `${indexPath} already exists; split ${l3.file} into ${folder}/ by hand.`, left: true });
      return;
    }
    // The new layer index: the layer file's text with each inline list replaced by an include.
    let index = '';
    let pos = 0;
    for (const e of inlineLists) {
      const { start, end } = listSpan(text, e);
      const dir = join(folder, kebab(e.key));
      writeCollection(b, text, e.value as SSeq, dir, 'index');
      index += `${text.slice(pos, start)}${' '.repeat(column(text, e.keyStart))}${e.key}: !include ${kebab(e.key)}/_index.yaml\n`;
      pos = end;
      b.change(`L3_data.${e.key}`, 'moved', `→ ${dir}/`);
    }
    index += text.slice(pos);
    b.newFile(indexPath, index);
    b.deleteFile(l3.file);
    b.edit({ file: include.file, start: include.start, end: include.end, text: relative(dirname(include.file), indexPath) });
  },
});

function listSpan(text: string, e: SEntry): { start: number; end: number } {
  const col = column(text, e.keyStart);
  return { start: lineStart(text, e.keyStart), end: blockEnd(text, e.keyStart, col, text[e.value.start] === '-') };
}

/** Replaces one inline list of the layer file with an include of its folder (dir-sorted) or index. */
function splitInPlace(b: PlanBuilder, l3: SMap, e: SEntry, text: string, layout: 'dir' | 'index', dir: string): void {
  const { start, end } = listSpan(text, e);
  writeCollection(b, text, e.value as SSeq, dir, layout);
  const target = layout === 'dir' ? relative(dirname(l3.file), dir) : relative(dirname(l3.file), join(dir, '_index.yaml'));
  b.edit({ file: l3.file, start, end, text: `${' '.repeat(column(text, e.keyStart))}${e.key}: ${layout === 'dir' ? '!include_dir_sorted' : '!include'} ${target}\n` });
  b.change(`L3_data.${e.key}`, 'moved', `→ ${dir}/`);
}

interface Piece {
  id: string;
  group?: string;
  comments: string[];
  body: string;
}

/** Cuts a block list into entity files, keeping each item's text and the group comments between items. */
function writeCollection(b: PlanBuilder, text: string, seq: SSeq, dir: string, layout: 'dir' | 'index'): void {
  const pieces: Piece[] = [];
  for (const item of seq.items) {
    const map = deref(item);
    if (map?.kind !== 'map') continue;
    const id = String(toJS(map.byKey.get('id')?.value) ?? `item-${pieces.length + 1}`);
    let dash = item.kind === 'include' ? (item as SInclude).tagStart : item.start;
    while (dash > 0 && text[dash - 1] !== '-' && text[dash - 1] !== '\n') dash--;
    dash = Math.max(0, dash - 1);
    const col = column(text, dash);
    const { group, comments } = commentsAbove(text, lineStart(text, dash), col);
    const end = blockEnd(text, dash, col);
    const body = usesAlias(text.slice(dash + 1, end)) ? render(toJS(map)) : dedentItem(text.slice(dash, end), col);
    pieces.push({ id, ...(group !== undefined ? { group } : {}), comments, body });
  }
  // Without an index to hold them, group comments open the first file of their group.
  for (const p of pieces) b.newFile(join(dir, `${p.id}.yaml`), [...(layout === 'dir' && p.group !== undefined ? [p.group] : []), ...p.comments].map((c) => `${c}\n`).join('') + p.body);
  if (layout === 'index') {
    let idx = '';
    for (const p of pieces) {
      if (p.group !== undefined) idx += `${idx ? '\n' : ''}${p.group}\n`;
      idx += `- !include ${p.id}.yaml\n`;
    }
    b.newFile(join(dir, '_index.yaml'), idx);
  }
}

/** The comment lines right above an item: the first is a group header when a blank line precedes the block. */
function commentsAbove(text: string, start: number, col: number): { group?: string; comments: string[] } {
  const lines: string[] = [];
  let s = start;
  while (s > 0) {
    const prev = lineStart(text, s - 1);
    const line = text.slice(prev, s).replace(/\r?\n$/, '');
    if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length !== col) break;
    lines.unshift(line.trim());
    s = prev;
  }
  const before = s > 0 ? text.slice(lineStart(text, s - 1), s).trim() : '';
  const opensGroup = lines.length > 0 && (before === '' || before.endsWith(':'));
  return opensGroup ? { group: lines[0]!, comments: lines.slice(1) } : { comments: lines };
}

function usesAlias(raw: string): boolean {
  return /(^|[\s[{,:-])[&*][A-Za-z0-9_-]/.test(raw.replace(/#.*$/gm, ''));
}

/** `- key: v\n  k2: v2` at column `col` → a top-level map. */
function dedentItem(block: string, col: number): string {
  const lines = block.split('\n');
  const first = lines[0]!.slice(col).replace(/^-\s?/, '');
  const rest = lines.slice(1).map((l) => (l.trim() === '' ? '' : l.slice(Math.min(col + 2, l.length - l.trimStart().length))));
  const out = [first, ...rest].join('\n');
  return out.endsWith('\n') ? out : `${out}\n`;
}
