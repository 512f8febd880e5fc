import { Declarations, type Decl, type RefSpec } from '../model/declarations';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { FUZZY_MAX_PER_CHAR, fuzzyScore, lowerFuzzyScore, PREFIX_SCORE } from '../text/similar';
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
    return refCompletions(model, valueDecl.ref, refSiblings, owners, cursor);
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

/** `localeCompare`'s order, with one collator for all comparisons: thousands of ids may be sorted. */
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

/** Where the ids a ref may name come from: a kind, inside one owner for a scoped kind. */
interface RefSource {
  kind: string;
  scoped: boolean;
  ownerId: string | undefined;
}

/** A ref's kinds here (after `kindFrom`), each with its owner, and the owner a sibling names (`ownedBy`). */
function refSources(model: TopologyModel, spec: RefSpec, siblings: Map<string, string>, owners: { kind: string; id: string }[]): { sources: RefSource[]; ownerNamed: string | undefined } {
  const chooser = spec.kindFrom ? siblings.get(spec.kindFrom.field) : undefined;
  const chosen = chooser !== undefined ? spec.kindFrom?.kinds[chooser] : undefined;
  const kinds = chosen ? [chosen] : spec.kinds;
  const ownerNamed = spec.ownedBy ? siblings.get(spec.ownedBy) : undefined;
  const sources = kinds.map((kind): RefSource => {
    if (!model.index.isScoped(kind)) return { kind, scoped: false, ownerId: undefined };
    const scope = model.declarations.kinds.get(kind)?.decls[0]?.scope;
    return { kind, scoped: true, ownerId: ownerNamed ?? [...owners].reverse().find((o) => o.kind === scope)?.id };
  });
  return { sources, ownerNamed };
}

/** The entity `id` names here: the first of its sources' entities that the owner and `where` / `whereNot` allow. */
function named(model: TopologyModel, spec: RefSpec, sources: RefSource[], ownerNamed: string | undefined, id: string): Entity | undefined {
  for (const s of sources) {
    if (s.scoped) {
      const e = model.index.find(s.kind, id, s.ownerId)[0];
      if (e && matchesWhere(e, spec)) return e;
      continue;
    }
    for (const e of model.index.find(s.kind, id)) if ((ownerNamed === undefined || !e.owner || e.owner.id === ownerNamed) && matchesWhere(e, spec)) return e;
  }
  return undefined;
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

/**
 * The ids of some sources, each once, sorted once per set of ids (kept by the next analysis while no
 * id changes), so that a request ranks positions instead of sorting strings.
 */
interface IdOrder {
  /** In the order of ids that score alike: the collator's, then code units. */
  ids: string[];
  /** Each id lowercased, as matching reads it. */
  lower: string[];
  /** Positions in `ids` by `lower` (code units): the ids that start with what is typed are one range of it. */
  byLower: Int32Array;
  /** Positions in `ids`, shortest first, then in their order: how ids that start with what is typed rank. */
  byLength: Int32Array;
}

function idOrder(model: TopologyModel, sources: RefSource[]): IdOrder {
  const key = `completion\0${sources.map((s) => (s.scoped ? `${s.kind}@${s.ownerId ?? ''}` : s.kind)).join('\0')}`;
  return model.index.fromIds(key, () => {
    const unique = new Set<string>();
    for (const s of sources) for (const id of model.index.ids(s.kind, s.ownerId)) unique.add(id);
    const ids = [...unique].sort((a, b) => COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    const lower = ids.map((id) => id.toLowerCase());
    const byLower = Int32Array.from(ids.keys()).sort((a, b) => (lower[a]! < lower[b]! ? -1 : lower[a]! > lower[b]! ? 1 : 0));
    const byLength = Int32Array.from(ids.keys()).sort((a, b) => lower[a]!.length - lower[b]!.length || a - b);
    return { ids, lower, byLower, byLength };
  });
}

/** The range of `order.byLower` whose ids start with `q` (lowercased). */
function prefixRange(order: IdOrder, q: string): [number, number] {
  const { byLower, lower } = order;
  const firstWhere = (past: (l: string) => boolean): number => {
    let lo = 0;
    let hi = byLower.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past(lower[byLower[mid]!]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // Sorted, the ids below `q` come first, then those that start with it, then the rest.
  return [firstWhere((l) => l >= q), firstWhere((l) => l >= q && !l.startsWith(q))];
}

/**
 * The entities to offer, best first (as `finish` ranks: score, then the ids' order), at most
 * `MAX_COMPLETIONS`, and whether more matched. `accept` gives the entity an id of `order` names
 * here, if any. When more ids start with what is typed than are kept, and the last one kept
 * outscores any match that is not a prefix, those ids are taken shortest first and no other id is
 * scored; otherwise every id is.
 */
function rankIds(order: IdOrder, typed: string, accept: (i: number) => Entity | undefined): { kept: Entity[]; incomplete: boolean } {
  const q = typed.toLowerCase();
  /** Takes the ids of `positions` in turn (those `matches` allows) until one more than is kept is accepted. */
  const take = (positions: Iterable<number>, matches?: (i: number) => boolean) => {
    const kept: Entity[] = [];
    for (const i of positions) {
      if (matches && !matches(i)) continue;
      const e = accept(i);
      if (!e) continue;
      if (kept.length === MAX_COMPLETIONS) return { kept, incomplete: true };
      kept.push(e);
    }
    return { kept, incomplete: false };
  };
  // Nothing typed: every id scores alike.
  if (q === '') return take(order.ids.keys());
  const [lo, hi] = prefixRange(order, q);
  if (hi - lo > MAX_COMPLETIONS) {
    // A prefix scores PREFIX_SCORE less the id's length.
    const r = take(order.byLength, (i) => order.lower[i]!.length <= PREFIX_SCORE && order.lower[i]!.startsWith(q));
    const last = r.kept[MAX_COMPLETIONS - 1];
    if (r.incomplete && last && PREFIX_SCORE - last.id.toLowerCase().length > FUZZY_MAX_PER_CHAR * q.length) return r;
  }
  // Score, then position, in one number sorted as numbers.
  const n = order.ids.length;
  const top = Math.max(PREFIX_SCORE, FUZZY_MAX_PER_CHAR * q.length) + 1;
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = lowerFuzzyScore(q, order.lower[i]!);
    if (s >= 0) keys.push((top - s) * n + i);
  }
  return take(Array.from(Float64Array.from(keys).sort(), (k) => k % n));
}

/** Ref completions: the ids of the right kinds that match what is typed; only the kept ones are described. */
export function refCompletions(model: TopologyModel, spec: RefSpec, siblings: Map<string, string>, owners: { kind: string; id: string }[], cursor: YamlCursor): CompletionResult {
  const { sources, ownerNamed } = refSources(model, spec, siblings, owners);
  const order = idOrder(model, sources);
  const { kept, incomplete } = rankIds(order, cursor.typed, (i) => named(model, spec, sources, ownerNamed, order.ids[i]!));
  const items = kept.map((e, i): CompletionItem => {
    const label = entityLabel(e);
    return {
      label: e.id,
      kind: 'ref',
      detail: label ? `${kindLabel(e.kind)}: ${label}` : kindLabel(e.kind),
      description: e.idSpan.file,
      insertText: e.id,
      sortText: String(i).padStart(4, '0'),
    };
  });
  return { items, replace: cursor.replace, incomplete };
}
