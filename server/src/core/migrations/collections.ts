/**
 * Where entities go and how they leave: an inline list, an `_index.yaml` of `- !include` lines
 * with one file per entity, or a folder loaded with `!include_dir_sorted` (one file per entity).
 * New collections follow the layout their layer already uses.
 */
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { deref, pathGet, type SEntry, type SInclude, type SMap, type SSeq } from '../workspace/nodes';
import { basename, dirname, join, relative, resolveRelative } from '../workspace/paths';
import type { PlanBuilder } from './plan-builder';
import { blockEnd, column, insertAfter, insertBefore, lineEnd, lineStart, render, renderItem, replaceEntry } from './yaml-text';

export interface NewItem {
  id: string;
  value: Record<string, unknown>;
  /** Comment lines (without `# `) written above the entity. */
  comment?: string[];
  /** Items of one group (a device) are written together under a `# <group>` line. */
  group?: string;
}

export type Layout = 'inline' | 'index' | 'dir';

export function kebab(key: string): string {
  return key.replace(/_/g, '-');
}

/** The map a dotted data path leads to (following includes), e.g. `L3_data`. */
export function mapAt(model: TopologyModel, path: string[]): SMap | undefined {
  const n = deref(pathGet(model.assembly.root, path));
  return n?.kind === 'map' ? n : undefined;
}

function resolvedInclude(model: TopologyModel, inc: SInclude): string | undefined {
  return model.assembly.edges.find((e) => e.include === inc)?.resolved ?? resolveRelative(dirname(inc.file), inc.path);
}

/** True when every item of a list is an `!include` line (an `_index.yaml`). */
function isIndex(seq: SSeq): boolean {
  return seq.items.length > 0 && seq.items.every((i) => i.kind === 'include' && !i.dir);
}

/** The layout a layer map uses for its collections, judged from its siblings. */
export function layerLayout(model: TopologyModel, parent: SMap): { layout: Layout; folder?: (key: string) => string } {
  for (const e of parent.entries) {
    const v = e.value;
    if (v.kind !== 'include') continue;
    const target = resolvedInclude(model, v);
    if (!target) continue;
    if (v.dir) return { layout: 'dir', folder: (key) => join(dirname(target), kebab(key)) };
    const t = deref(v);
    if (t?.kind === 'seq' && isIndex(t) && basename(target) === '_index.yaml') return { layout: 'index', folder: (key) => join(dirname(dirname(target)), kebab(key)) };
  }
  return { layout: 'inline' };
}

function entityFileText(item: NewItem): string {
  const head = (item.comment ?? []).map((c) => `# ${c}\n`).join('');
  return head + render(item.value);
}

/** List-item text for an inline list at column `col`, with group headers. */
function inlineItems(items: NewItem[], col: number, lastGroup?: string): string {
  let out = '';
  let group = lastGroup;
  for (const item of items) {
    if (item.group !== undefined && item.group !== group) {
      out += `${out === '' && lastGroup === undefined ? '' : '\n'}${' '.repeat(col)}# ${item.group}\n`;
      group = item.group;
    }
    out += (item.comment ?? []).map((c) => `${' '.repeat(col)}# ${c}\n`).join('') + renderItem(item.value, col);
  }
  return out;
}

/** `- !include` lines (with group headers) for an `_index.yaml`. */
function indexLines(items: NewItem[], lastGroup?: string): string {
  let out = '';
  let group = lastGroup;
  for (const item of items) {
    if (item.group !== undefined && item.group !== group) {
      out += `${out === '' && lastGroup === undefined ? '' : '\n'}# ${item.group}\n`;
      group = item.group;
    }
    out += `- !include ${item.id}.yaml\n`;
  }
  return out;
}

/** Writes one file per entity into `folder`. */
function writeEntityFiles(b: PlanBuilder, folder: string, items: NewItem[]): void {
  for (const item of items) b.newFile(join(folder, `${item.id}.yaml`), entityFileText(item));
}

/** The column of a list's `- ` markers, and where its last item ends. */
function listTail(text: string, seq: SSeq): { col: number; end: number } {
  const last = seq.items[seq.items.length - 1]!;
  let dash = last.kind === 'include' ? last.tagStart : last.start;
  while (dash > 0 && text[dash - 1] !== '-' && text[dash - 1] !== '\n') dash--;
  dash = Math.max(0, dash - 1);
  const col = column(text, dash);
  return { col, end: blockEnd(text, dash, col) };
}

/**
 * Adds entities to the collection `key` of the map at `parentPath`, creating the collection in its
 * layer's layout when it is missing (after the last present key of `after`).
 */
export function addItems(b: PlanBuilder, model: TopologyModel, parentPath: string[], key: string, items: NewItem[], after: string[] = [], before: string[] = []): void {
  if (items.length === 0) return;
  const parent = mapAt(model, parentPath);
  if (!parent) throw new Error(`no ${parentPath.join('.')} map to add ${key} to`);
  const entry = parent.byKey.get(key);
  if (entry) {
    appendToCollection(b, model, parent, entry, items);
    return;
  }
  const { layout, folder } = layerLayout(model, parent);
  const anchor = [...after]
    .reverse()
    .map((k) => parent.byKey.get(k))
    .find((e): e is SEntry => e !== undefined);
  const text = b.text(parent.file);
  const next = anchor ? undefined : before.map((k) => parent.byKey.get(k)).find((e): e is SEntry => e !== undefined);
  const place = (render: (col: number) => string) => (next ? insertBefore(text, parent, next, (col) => `${render(col)}\n`) : insertAfter(text, parent, anchor, render));
  if (layout === 'dir' && folder) {
    const dir = folder(key);
    writeEntityFiles(b, dir, items);
    b.edit(place((col) => `${' '.repeat(col)}${key}: !include_dir_sorted ${relative(dirname(parent.file), dir)}\n`));
    return;
  }
  if (layout === 'index' && folder) {
    const dir = folder(key);
    writeEntityFiles(b, dir, items);
    b.newFile(join(dir, '_index.yaml'), indexLines(items));
    b.edit(place((col) => `${' '.repeat(col)}${key}: !include ${relative(dirname(parent.file), join(dir, '_index.yaml'))}\n`));
    return;
  }
  b.edit(place((col) => `${next ? '' : '\n'}${' '.repeat(col)}${key}:\n${inlineItems(items, col)}`));
}

function lastGroupComment(text: string, end: number): string | undefined {
  const before = text.slice(0, end).split('\n');
  for (let i = before.length - 1; i >= 0; i--) {
    const m = /^\s*#\s*(.+?)\s*$/.exec(before[i]!);
    if (m) return m[1];
  }
  return undefined;
}

function appendToCollection(b: PlanBuilder, model: TopologyModel, parent: SMap, entry: SEntry, items: NewItem[]): void {
  const v = entry.value;
  if (v.kind === 'include') {
    const target = resolvedInclude(model, v);
    if (!target) throw new Error(`unresolvable include for ${entry.key}`);
    if (v.dir) {
      writeEntityFiles(b, target, items);
      return;
    }
    const list = deref(v);
    if (list?.kind === 'seq' && isIndex(list)) {
      writeEntityFiles(b, dirname(target), items);
      const text = b.text(target);
      const { end } = listTail(text, list);
      b.edit({ file: target, start: end, end, text: (text.slice(0, end).endsWith('\n') ? '' : '\n') + indexLines(items, lastGroupComment(text, end)) });
      return;
    }
    if (list?.kind === 'seq' && list.items.length > 0) {
      appendInline(b, list, items);
      return;
    }
    // An empty file (or an empty list): the items become its content.
    const text = b.text(target);
    b.edit({ file: target, start: text.length, end: text.length, text: (text === '' || text.endsWith('\n') ? '' : '\n') + inlineItems(items, 0) });
    if (list?.kind === 'seq') b.edit({ file: target, start: list.start, end: list.end, text: '' });
    return;
  }
  if (v.kind === 'seq' && v.items.length > 0) {
    appendInline(b, v, items);
    return;
  }
  const text = b.text(parent.file);
  b.edit(replaceEntry(text, entry, parent.file, (col) => `${' '.repeat(col)}${entry.key}:\n${inlineItems(items, col)}`));
}

function appendInline(b: PlanBuilder, seq: SSeq, items: NewItem[]): void {
  const text = b.text(seq.file);
  if (text[seq.start] === '[') throw new Error(`${seq.file}: cannot append entities to a flow list`);
  const { col, end } = listTail(text, seq);
  b.edit({ file: seq.file, start: end, end, text: (text.slice(0, end).endsWith('\n') ? '' : '\n') + inlineItems(items, col, lastGroupComment(text, end)) });
}

/** Where an entity is written: its own file (included or in a sorted folder), or an item of a list. */
export function entityHome(model: TopologyModel, entity: Entity): { ownFile: boolean; file: string; include?: SInclude } {
  const pf = model.assembly.parsed.get(entity.node.file);
  const ownFile = deref(pf?.root) === entity.node;
  if (!ownFile) return { ownFile, file: entity.node.file };
  const edge = model.assembly.edges.find((e) => !e.include.dir && e.targets.includes(entity.node.file));
  return { ownFile, file: entity.node.file, ...(edge ? { include: edge.include } : {}) };
}

/** Removes an entity: its list item, or its file (and the `- !include` line naming it). */
export function removeItem(b: PlanBuilder, model: TopologyModel, entity: Entity): void {
  const home = entityHome(model, entity);
  if (home.ownFile) {
    b.deleteFile(home.file);
    if (home.include) {
      const text = b.text(home.include.file);
      const s = lineStart(text, home.include.tagStart);
      b.edit({ file: home.include.file, start: s, end: lineEnd(text, home.include.tagStart), text: '' });
    }
    return;
  }
  const text = b.text(entity.node.file);
  let dash = entity.node.start;
  while (dash > 0 && text[dash - 1] !== '-' && text[dash - 1] !== '\n') dash--;
  dash = Math.max(0, dash - 1);
  const col = column(text, dash);
  b.edit({ file: entity.node.file, start: lineStart(text, dash), end: blockEnd(text, dash, col), text: '' });
}

export { insertBefore, replaceEntry };
