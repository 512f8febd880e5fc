import type { Assembly } from '../workspace/assemble';
import { LineIndex } from '../text/line-index';
import type { Span } from '../types';
import type { Declarations } from './declarations';
import { EntityIndex } from './entity-index';
import { extract, type Entity, type Ref } from './extract';
import { resolveRef, type Resolution } from './resolve';
import type { RefSpec } from './declarations';
import type { Tracker } from '../tracking/tracker';
import { unitOf } from '../workspace/nodes';
import type { RepositorySchema } from './repository-schema';

/**
 * Each ref's last resolution, stamped with the model it was checked for (by a token, so an old
 * model is not kept alive): refs of unchanged entities are the same objects from one analysis to
 * the next, and their answers are re-checked cheaply instead of resolved again.
 */
const resolutions = new WeakMap<Ref, { res: Resolution; generation: object }>();

/** The lookup that resolved `ref` to `target` finds the same entity object again (scoped kinds: inside the same owner). */
function stillResolves(ref: Ref, target: Entity, index: EntityIndex): boolean {
  if (ref.spec.untyped) {
    const all = index.anyWithId(ref.value);
    return all.length === 1 && all[0] === target;
  }
  const found = index.isScoped(target.kind) ? index.find(target.kind, ref.value, target.owner?.id) : index.find(target.kind, ref.value);
  if (found[0] !== target) return false;
  // A kind chosen by a sibling (runtime.type) or an owner named by one lives in the ref's own map,
  // unchanged with the ref; a target found among several kinds must still be the first kind's miss.
  const kinds = ref.spec.kinds;
  for (const k of kinds) {
    if (k === target.kind) break;
    if (index.find(k, ref.value).length > 0) return false;
  }
  return true;
}

const specKeyLists = new WeakMap<RefSpec, string[]>();

/** The fields a resolution of a ref of this spec reads: the kind chooser, the owner, the target's class. */
function specKeys(spec: RefSpec): string[] {
  let keys = specKeyLists.get(spec);
  if (!keys) {
    keys = [...(spec.kindFrom ? [spec.kindFrom.field] : []), ...(spec.ownedBy ? [spec.ownedBy] : []), ...Object.keys(spec.where ?? {}), ...Object.keys(spec.whereNot ?? {})];
    specKeyLists.set(spec, keys);
  }
  return keys;
}

/** The analysed topology: assembled tree, entities, refs and their resolutions. */
export class TopologyModel {
  readonly index: EntityIndex;
  /** Distinguishes analyses: a resolution stamped with this model's number was checked for it. */
  private readonly generation: object = {};
  /** The repository's own schema of the format, when it has one: the authority on shapes. */
  authority: RepositorySchema | undefined;

  /** `previous`: the model of the last analysis of the same workspace, whose index may be carried on. */
  constructor(
    readonly assembly: Assembly,
    readonly declarations: Declarations,
    previous?: TopologyModel,
  ) {
    this.index = new EntityIndex(extract(assembly.root, declarations, assembly.unloaded), assembly.tracking, previous?.declarations === declarations ? previous.index : undefined);
  }

  /** Where what the rules read of this model is noted (its workspace's tracker). */
  get tracking(): Tracker {
    return this.assembly.tracking;
  }

  get entities(): Entity[] {
    return this.index.entities;
  }

  get refs(): Ref[] {
    return this.index.refs;
  }

  resolve(ref: Ref): Resolution {
    const t = this.tracking;
    if (!t.isRecording()) return this.lookup(ref);
    // A memoized answer read sibling and target fields once; the caller depends on them all the same.
    t.noteResolvedField(ref.field);
    t.noteFile(ref.container ? ref.container.byKey.unit : ref.node.file);
    for (const k of specKeys(ref.spec)) t.noteKey(k);
    const res = this.lookup(ref);
    if ('target' in res) t.noteFile(unitOf(res.target.node));
    return res;
  }

  private lookup(ref: Ref): Resolution {
    const memo = resolutions.get(ref);
    if (memo && memo.generation === this.generation) return memo.res;
    // A ref of an unchanged entity is the same object as in the last analysis (extract.ts reuses
    // it); its answer still holds when the same lookup finds the same target entity.
    if (memo && memo.res.status === 'ok' && stillResolves(ref, memo.res.target, this.index)) {
      memo.generation = this.generation;
      return memo.res;
    }
    const res = resolveRef(ref, this.index);
    if (memo) {
      memo.res = res;
      memo.generation = this.generation;
    } else resolutions.set(ref, { res, generation: this.generation });
    return res;
  }

  private readonly lineIndexes = new Map<string, LineIndex>();

  /** `file:line` (1-based) of a span, for messages that name the other party. */
  where(span: Span): string {
    this.tracking.noteLines(span.file);
    let idx = this.lineIndexes.get(span.file);
    if (!idx) {
      const text = this.assembly.parsed.get(span.file)?.text;
      if (text === undefined) return span.file;
      idx = new LineIndex(text);
      this.lineIndexes.set(span.file, idx);
    }
    return `${span.file}:${idx.position(span.start).line + 1}`;
  }

  /** Refs that name this entity (resolved to it); only those written in `field` when it is given. */
  referencesTo(target: Entity, field?: string): Ref[] {
    // Which refs name an id depends on the refs with that value (and how they resolve, noted there).
    this.tracking.noteRefValue(target.id);
    if (field !== undefined) this.tracking.noteRefField(field);
    return (this.index.refsByValue(target.id) ?? []).filter((r) => {
      if (field !== undefined && r.field !== field) return false;
      const res = this.resolve(r);
      return (res.status === 'ok' || res.status === 'wrong-target') && res.target === target;
    });
  }
}
