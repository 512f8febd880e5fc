import type { DataPath, DeprecatedUse, Entity, Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { IncludeEdge } from '../workspace/assemble';
import type { SNode } from '../workspace/nodes';
import { diffTrees } from './tree-diff';
import { textShift, type TextShift } from './text-shift';

/** What an edit changed between two analyses of one workspace, when the shape of the topology held. */
export interface Change {
  /** Files whose text changed, with how their offsets moved. */
  files: Map<string, TextShift>;
  /** Keys on the path to a changed value, in any changed file. */
  keys: Set<string>;
  /** A ref was added, removed or changed (value, field or place). */
  refs: boolean;
  /** The fields of those refs and the keys on their paths. */
  refFields: Set<string>;
  /** The ids those refs name (before and after). */
  refValues: Set<string>;
  /** A deprecated field was added, removed or moved. */
  deprecated: boolean;
  /** Some change lies outside the top-level entities (what the schema checks between them). */
  outsideEntities: boolean;
  /** Refs that are not the same objects as before (read again from an edited file), and those gone. */
  newRefs: Ref[];
  goneRefs: Set<Ref>;
  /** Entities read again from an edited file: the objects of the last analysis they replace, and the new ones. */
  goneEntities: Entity[];
  newEntities: Entity[];
  /** In edited files whose top level is a list: the items with a difference (`listItemUnit`). */
  units: Set<string>;
  /**
   * Entities and refs read again that equal the objects they replace in all but their places (the
   * tree below them may still differ), by the new object. What a check of the old one read decides
   * whether its findings hold for the new one.
   */
  twins: Map<Entity | Ref, Entity | Ref>;
  /** Findings moved with the text (`shiftFindings`): the finding each was moved from. */
  moved: WeakMap<object, object>;
}

/**
 * Compares two models of one workspace. Undefined when the edit changed the shape: files loaded,
 * includes, entities (kind, id, place, owner), a file that does not parse. Then nothing is reused.
 */
export function changeBetween(before: TopologyModel, after: TopologyModel): Change | undefined {
  const a = before.assembly;
  const b = after.assembly;
  if (a.files.length !== b.files.length) return undefined;
  for (let i = 0; i < a.files.length; i++) if (a.files[i] !== b.files[i]) return undefined;
  if (!sameEdges(a.edges, b.edges)) return undefined;
  const change: Change = {
    files: new Map(),
    keys: new Set(),
    refs: false,
    deprecated: false,
    outsideEntities: false,
    newRefs: [],
    goneRefs: new Set(),
    goneEntities: [],
    newEntities: [],
    units: new Set(),
    twins: new Map(),
    moved: new WeakMap(),
    refFields: new Set(),
    refValues: new Set(),
  };
  const changed = b.files.filter((f) => a.parsed.get(f) !== b.parsed.get(f));
  const entityNodes = topLevelNodes(before.index.extraction.entities, new Set(changed));
  for (const file of changed) {
    const pa = a.parsed.get(file);
    const pb = b.parsed.get(file);
    if (!pa || !pb || pa.hasSyntaxError || pb.hasSyntaxError) return undefined;
    if (pa.text === pb.text) continue;
    const shift = textShift(pa.text, pb.text);
    const d = diffTrees(pa.root, pb.root, shift, entityNodes);
    if (d.structural) return undefined;
    if (d.outside) change.outsideEntities = true;
    for (const k of d.keys) change.keys.add(k);
    for (const u of d.units) change.units.add(u);
    change.files.set(file, shift);
  }
  if (!sameEntities(before.index.extraction.entities, after.index.extraction.entities, change)) return undefined;
  refDelta(before.index.extraction.refs, after.index.extraction.refs, change);
  change.refs = change.refFields.size > 0;
  change.deprecated = !sameList(before.index.extraction.deprecated, after.index.extraction.deprecated, sameDeprecated);
  return change;
}

/** The nodes of the top-level entities written in these files. */
function topLevelNodes(entities: Entity[], files: ReadonlySet<string>): Set<SNode> {
  const out = new Set<SNode>();
  for (const e of entities) if (!e.owner && files.has(e.node.file)) out.add(e.node);
  return out;
}

/** Unchanged entities keep their ref objects, in the same order; an edit replaces some of them. */
function refDelta(a: Ref[], b: Ref[], change: Change): void {
  const differs = (r: Ref): void => {
    change.refValues.add(r.value);
    change.refFields.add(r.field);
    for (const p of r.path) if (typeof p === 'string') change.refFields.add(p);
  };
  if (a.length === b.length) {
    for (let i = 0; i < b.length; i++) {
      if (a[i] === b[i]) continue;
      change.newRefs.push(b[i]!);
      change.goneRefs.add(a[i]!);
      if (sameRef(a[i]!, b[i]!)) change.twins.set(b[i]!, a[i]!);
      else {
        differs(a[i]!);
        differs(b[i]!);
      }
    }
    return;
  }
  const inA = new Set(a);
  const inB = new Set(b);
  for (const r of b) if (!inA.has(r)) change.newRefs.push(r);
  for (const r of a) if (!inB.has(r)) change.goneRefs.add(r);
  // Refs moved in the list: which of them changed is not worth working out.
  for (const r of change.newRefs) differs(r);
  for (const r of change.goneRefs) differs(r);
}

function sameEdges(a: IncludeEdge[], b: IncludeEdge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.include.file !== y.include.file || x.include.path !== y.include.path || x.include.dir !== y.include.dir || x.resolved !== y.resolved) return false;
    if (!sameList(x.targets, y.targets, (p, q) => p === q)) return false;
  }
  return true;
}

function sameEntities(a: Entity[], b: Entity[], change: Change): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    change.goneEntities.push(x);
    change.newEntities.push(y);
    if (x.kind !== y.kind || x.id !== y.id || x.layer !== y.layer || x.decl !== y.decl || x.owner?.id !== y.owner?.id || x.idSpan.file !== y.idSpan.file || !samePath(x.path, y.path)) return false;
    change.twins.set(y, x);
  }
  return true;
}

function sameRef(x: Ref, y: Ref): boolean {
  return (
    x === y ||
    (x.value === y.value &&
      x.field === y.field &&
      x.spec === y.spec &&
      x.layer === y.layer &&
      x.node.file === y.node.file &&
      x.from?.id === y.from?.id &&
      x.from?.kind === y.from?.kind &&
      samePath(x.path, y.path))
  );
}

function sameDeprecated(x: DeprecatedUse, y: DeprecatedUse): boolean {
  return x === y || (x.entry.key === y.entry.key && x.migration === y.migration && x.container.file === y.container.file && x.from?.id === y.from?.id && samePath(x.path, y.path));
}

function sameList<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

function samePath(a: DataPath, b: DataPath): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}
