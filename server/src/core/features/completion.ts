import { Declarations, type Decl, type RefSpec } from '../model/declarations';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { fuzzyScore } from '../text/similar';
import type { FileSource } from '../workspace/assemble';
import { get, str } from '../workspace/nodes';
import { entityLabel, kindLabel } from './entity-facts';
import { filePlacements } from './file-decls';
import { includePathCompletions } from './include-completion';
import { nextFreeIpCompletion } from './next-free-ip';
import { yamlCursor, type YamlCursor } from './yaml-cursor';

export type CompletionKind = 'ref' | 'key' | 'enum' | 'file' | 'folder' | 'address';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Where the candidate lives (a ref's file), shown beside the label. */
  description?: string;
  documentation?: string;
  insertText: string;
  /** Ranks prefix matches before fuzzy ones; the editor sorts by it. */
  sortText: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  replace: { start: number; end: number };
  /** More candidates matched than were returned: the editor asks again as typing narrows them. */
  incomplete: boolean;
}

export const MAX_COMPLETIONS = 200;

/**
 * Completion at an offset of a file's current text: ref ids of the right kind, schema keys and
 * enum values, include paths. `model` is the last analysis (its ids and declarations); the text
 * may be newer and half-typed.
 */
export function complete(model: TopologyModel | undefined, files: FileSource, file: string, text: string, offset: number): CompletionResult | undefined {
  const cursor = yamlCursor(text, offset);
  if (!cursor) return undefined;
  if (cursor.target.kind === 'include') {
    return finish(includePathCompletions(files, file, cursor.target.typed, cursor.target.dir), cursor);
  }
  if (!model) return undefined;
  const placement = filePlacements(model).get(file);
  if (!placement) return undefined;
  let decl: Decl | undefined = placement.decl;
  let owner: { kind: string; id: string } | undefined = placement.entity ? { kind: placement.entity.kind, id: placement.entity.id } : undefined;
  const owners: { kind: string; id: string }[] = owner ? [owner] : [];
  cursor.path.forEach((step, i) => {
    if (!decl) return;
    const parent: Decl = decl;
    decl = 'key' in step ? Declarations.child(parent, step.key) : parent.items;
    const entered = 'key' in step ? (parent.props.has(step.key) ? undefined : parent.additional?.kind ? step.key : undefined) : cursor.siblings.get(i + 1)?.get('id');
    if (decl?.kind && entered !== undefined) owners.push((owner = { kind: decl.kind, id: entered }));
  });
  if (!decl) return undefined;
  const container: Decl = decl;
  const siblings = cursor.siblings.get(cursor.path.length) ?? new Map<string, string>();
  const t = cursor.target;
  if (t.kind === 'key') return finish(keyCompletions(container, siblings), cursor);
  const valueDecl = t.kind === 'value' ? (t.inList ? Declarations.child(container, t.key)?.items : Declarations.child(container, t.key)) : container.items;
  if (!valueDecl) return undefined;
  // A block-list item of objects starts a new map: offer its keys.
  if (t.kind === 'item' && !valueDecl.ref && valueDecl.props.size > 0) return finish(keyCompletions(valueDecl, new Map()), cursor);
  if (valueDecl.ref) {
    // For a list item, the siblings that matter (ownedBy, kindFrom) are those of the map holding the list.
    const refSiblings = t.kind === 'item' ? (cursor.siblings.get(cursor.path.length - 1) ?? new Map<string, string>()) : siblings;
    return refFinish(refCompletions(model, valueDecl.ref, refSiblings, owners, cursor.typed), cursor);
  }
  if (valueDecl.enumValues) return finish(enumCompletions(valueDecl), cursor);
  if (valueDecl.types?.includes('boolean'))
    return finish(
      ['true', 'false'].map((v) => ({ label: v, kind: 'enum' as const, insertText: v, sortText: v })),
      cursor,
    );
  return t.kind === 'value' ? nextFreeAddressItem(model, file, text, offset) : undefined;
}

/** On an address tied to a network: the next free address there (only when the model read this text, so offsets hold). */
function nextFreeAddressItem(model: TopologyModel, file: string, text: string, offset: number): CompletionResult | undefined {
  if (model.assembly.parsed.get(file)?.text !== text) return undefined;
  const free = nextFreeIpCompletion(model, file, offset);
  if (!free) return undefined;
  const item: CompletionItem = { label: free.label, kind: 'address', detail: free.detail, documentation: free.documentation, insertText: free.edit.newText, sortText: '0000' };
  return { items: [item], replace: { start: free.edit.span.start, end: free.edit.span.end }, incomplete: false };
}

/** `localeCompare`'s order, with one collator for all comparisons: thousands of ids may be sorted per request. */
const COLLATOR = new Intl.Collator();

function finish(items: CompletionItem[], cursor: YamlCursor): CompletionResult {
  const typed = cursor.typed;
  const scored: [CompletionItem, number][] = [];
  for (const item of items) {
    const s = fuzzyScore(typed, item.label);
    if (s >= 0) scored.push([item, s]);
  }
  scored.sort((a, b) => b[1] - a[1] || COLLATOR.compare(a[0].sortText, b[0].sortText) || (a[0].label < b[0].label ? -1 : 1));
  const kept = scored.slice(0, MAX_COMPLETIONS).map(([item], i) => ({ ...item, sortText: `${String(i).padStart(4, '0')}` }));
  return { items: kept, replace: cursor.replace, incomplete: scored.length > MAX_COMPLETIONS };
}

function keyCompletions(decl: Decl, present: Map<string, string>): CompletionItem[] {
  const required = new Set(decl.required ?? []);
  const out: CompletionItem[] = [];
  for (const [key, d] of decl.props) {
    if (present.has(key) || d.deprecated) continue;
    const block = !d.ref && !d.types?.includes('string') && (d.types?.includes('object') || d.types?.includes('array') || d.props.size > 0 || d.items !== undefined);
    out.push({
      label: key,
      kind: 'key',
      ...(d.description ? { detail: d.description } : {}),
      ...(required.has(key) ? { description: 'required' } : {}),
      insertText: block ? `${key}:` : `${key}: `,
      sortText: `${required.has(key) ? 0 : 1}${key}`,
    });
  }
  return out;
}

function enumCompletions(decl: Decl): CompletionItem[] {
  return (decl.enumValues ?? []).filter((v) => v !== null).map((v) => ({ label: String(v), kind: 'enum' as const, insertText: String(v), sortText: String(v) }));
}

/** The ids a ref may name here: its kinds (after `kindFrom`), narrowed by owner, `where` and `whereNot`. */
export function refCandidates(model: TopologyModel, spec: RefSpec, siblings: Map<string, string>, owners: { kind: string; id: string }[]): Entity[] {
  const chooser = spec.kindFrom ? siblings.get(spec.kindFrom.field) : undefined;
  const chosen = chooser !== undefined ? spec.kindFrom?.kinds[chooser] : undefined;
  const kinds = chosen ? [chosen] : spec.kinds;
  const ownerNamed = spec.ownedBy ? siblings.get(spec.ownedBy) : undefined;
  const out: Entity[] = [];
  for (const kind of kinds) {
    let list: Entity[];
    if (model.index.isScoped(kind)) {
      const scope = model.declarations.kinds.get(kind)?.decls[0]?.scope;
      const ownerId = ownerNamed ?? [...owners].reverse().find((o) => o.kind === scope)?.id;
      list = model.index.ids(kind, ownerId).map((id) => model.index.find(kind, id, ownerId)[0]!);
    } else {
      list = model.index.ofKind(kind);
      if (ownerNamed !== undefined) list = list.filter((e) => !e.owner || e.owner.id === ownerNamed);
    }
    out.push(...list.filter((e) => matchesWhere(e, spec)));
  }
  return out;
}

function matchesWhere(e: Entity, spec: RefSpec): boolean {
  for (const [field, allowed] of Object.entries(spec.where ?? {})) {
    const v = str(get(e.node, field));
    if (v === undefined || !allowed.includes(v)) return false;
  }
  for (const [field, banned] of Object.entries(spec.whereNot ?? {})) {
    const v = str(get(e.node, field));
    if (v !== undefined && banned.includes(v)) return false;
  }
  return true;
}

/** Candidates by id; their details (name or description) are read for the items kept only. */
function refCompletions(model: TopologyModel, spec: RefSpec, siblings: Map<string, string>, owners: { kind: string; id: string }[], typed: string): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const e of refCandidates(model, spec, siblings, owners)) {
    if (out.has(e.id)) continue;
    // Scoring happens in finish(); skip work for ids that cannot match.
    if (typed && fuzzyScore(typed, e.id) < 0) continue;
    out.set(e.id, e);
  }
  return out;
}

/** `finish` over ref candidates: thousands may match what is typed, and only the kept ones are described. */
function refFinish(candidates: Map<string, Entity>, cursor: YamlCursor): CompletionResult {
  const items: CompletionItem[] = [];
  for (const [id, e] of candidates) items.push({ label: id, kind: 'ref', description: e.idSpan.file, insertText: id, sortText: id });
  const result = finish(items, cursor);
  for (const item of result.items) {
    const e = candidates.get(item.label)!;
    const label = entityLabel(e);
    item.detail = label ? `${kindLabel(e.kind)}: ${label}` : kindLabel(e.kind);
  }
  return result;
}
