import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { deref, type SNode } from '../workspace/nodes';
import { basename, dirname, join, relative } from '../workspace/paths';
import { unquoted, type WorkspaceEdit } from './edits';
import { kindLabel } from './entity-facts';

/** A fix with its edit planned (offsets into the analysed texts). */
export interface PlannedFix {
  title: string;
  edit: WorkspaceEdit;
  preferred: boolean;
}

/** What a `ref-unknown` finding carries (rules/ref-unknown.ts). */
interface RefUnknownData {
  candidates: string[];
  kinds: string[];
  value: string;
}

function isRefUnknownData(d: unknown): d is RefUnknownData {
  const r = d as RefUnknownData | undefined;
  return !!r && Array.isArray(r.candidates) && Array.isArray(r.kinds) && typeof r.value === 'string';
}

/** Quick fixes for a `ref-unknown` at `span`: each did-you-mean candidate, and creating the entity. */
export function refUnknownFixes(model: TopologyModel, span: Span, data: unknown): PlannedFix[] {
  if (!isRefUnknownData(data)) return [];
  const text = model.assembly.parsed.get(span.file)?.text ?? '';
  const inner = { file: span.file, ...unquoted(text, span.start, span.end) };
  const out: PlannedFix[] = data.candidates.map((c, i) => ({ title: `Replace with '${c}'`, edit: { edits: [{ span: inner, newText: c }], creates: [] }, preferred: i === 0 }));
  for (const kind of data.kinds) {
    const edit = createEntity(model, kind, data.value);
    if (edit) out.push({ title: `Create ${kindLabel(kind)} '${data.value}'`, edit, preferred: false });
  }
  return out;
}

/**
 * A minimal entity (its id, and `name` when the kind has one) placed where entities of its kind
 * live: a new file beside them when the collection is one file per entity (added to `_index.yaml`
 * when that is how the folder is loaded), else a new item after the collection's last one.
 */
export function createEntity(model: TopologyModel, kind: string, id: string): WorkspaceEdit | undefined {
  const peers = model.index.ofKind(kind).filter((e) => !e.owner);
  const last = peers[peers.length - 1];
  if (!last) return undefined;
  const decl = last.decl;
  const fields = decl.props.has('name') ? [`name: ${id}`] : [];
  const mapKeyed = typeof last.path[last.path.length - 1] === 'string';
  if (mapKeyed) return appendMapEntry(model, last, id, fields);
  const filePerEntity = peers.length > 1 && peers.every((e) => isWholeFile(model, e)) && new Set(peers.map((e) => e.node.file)).size === peers.length;
  if (filePerEntity) return newEntityFile(model, last, id, fields);
  return appendListItem(model, last, id, fields);
}

/** The entity is the whole of its file (a file-per-entity layout). */
function isWholeFile(model: TopologyModel, e: Entity): boolean {
  return deref(model.assembly.parsed.get(e.node.file)?.root) === e.node;
}

function newEntityFile(model: TopologyModel, last: Entity, id: string, fields: string[]): WorkspaceEdit {
  const folder = dirname(last.node.file);
  const path = join(folder, `${id}.yaml`);
  const edit: WorkspaceEdit = { edits: [], creates: [{ path, text: [`id: ${id}`, ...fields, ''].join('\n') }] };
  // Loaded through a list of `- !include` lines: add one, after the last entity's line.
  const listed = model.assembly.edges.find((e) => !e.include.dir && e.targets[0] === last.node.file);
  if (listed && dirname(listed.include.file) === folder && basename(listed.include.file).startsWith('_')) {
    const text = model.assembly.parsed.get(listed.include.file)?.text ?? '';
    const lineEnd = endOfLine(text, listed.include.end);
    const lineStart = text.lastIndexOf('\n', listed.include.tagStart - 1) + 1;
    const prefix = text.slice(lineStart, listed.include.tagStart);
    edit.edits.push({ span: { file: listed.include.file, start: lineEnd, end: lineEnd }, newText: `\n${prefix}!include ${relative(dirname(listed.include.file), path)}` });
  }
  return edit;
}

function appendListItem(model: TopologyModel, last: Entity, id: string, fields: string[]): WorkspaceEdit {
  const file = last.node.file;
  const text = model.assembly.parsed.get(file)?.text ?? '';
  const itemStart = text.lastIndexOf('\n', last.node.start - 1) + 1;
  const dash = text.slice(itemStart, last.node.start);
  const indent = ' '.repeat(dash.length);
  const at = endOfNode(text, last.node);
  const body = [`${dash}id: ${id}`, ...fields.map((f) => indent + f)].join('\n');
  return { edits: [{ span: { file, start: at, end: at }, newText: `\n${body}` }], creates: [] };
}

function appendMapEntry(model: TopologyModel, last: Entity, id: string, fields: string[]): WorkspaceEdit {
  const file = last.idSpan.file;
  const text = model.assembly.parsed.get(file)?.text ?? '';
  const lineStart = text.lastIndexOf('\n', last.idSpan.start - 1) + 1;
  const keyIndent = text.slice(lineStart, last.idSpan.start);
  const valueIndent = `${keyIndent}  `;
  const at = endOfNode(text, last.node);
  const body = fields.length ? [`${keyIndent}${id}:`, ...fields.map((f) => valueIndent + f)].join('\n') : `${keyIndent}${id}: {}`;
  return { edits: [{ span: { file, start: at, end: at }, newText: `\n${body}` }], creates: [] };
}

/** The end of a node's last line of content (before trailing blank lines and comments it owns). */
function endOfNode(text: string, node: SNode): number {
  let e = node.end;
  while (e > node.start && /\s/.test(text[e - 1]!)) e--;
  return endOfLine(text, e);
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}
