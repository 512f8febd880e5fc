import { deref, get, str } from '../workspace/nodes';
import type { Span } from '../types';
import type { EntityIndex } from './entity-index';
import { ownerOfKind } from './entity-index';
import type { Entity, Ref } from './extract';

export type Resolution =
  | { status: 'ok'; target: Entity; kinds: string[] }
  | { status: 'unknown'; kinds: string[]; ownerId?: string }
  | { status: 'wrong-kind'; kinds: string[]; found: Entity[] }
  /** The target exists but has the wrong class, or is not owned by the named owner. */
  | { status: 'wrong-target'; kinds: string[]; target: Entity; reason: string }
  /** A ref of unknown kind whose value is the id of several entities: it names none of them for certain. */
  | { status: 'ambiguous'; kinds: string[]; found: Entity[] };

type KindFrom = NonNullable<Ref['spec']['kindFrom']>;
/** One list per chosen kind of a `kindFrom`, shared by every ref it resolves; declarations never change. */
const chosenKindLists = new WeakMap<KindFrom, Map<string, string[]>>();

/** The kinds a ref may name, with `kindFrom` applied (runtime.type chooses lxc | vm | device). */
export function targetKinds(ref: Ref): string[] {
  const kf = ref.spec.kindFrom;
  if (!kf) return ref.spec.kinds;
  const chooser = str(get(ref.container, kf.field));
  const kind = chooser !== undefined && Object.hasOwn(kf.kinds, chooser) ? kf.kinds[chooser] : undefined;
  if (!kind) return ref.spec.kinds;
  let lists = chosenKindLists.get(kf);
  if (!lists) chosenKindLists.set(kf, (lists = new Map()));
  let list = lists.get(kind);
  if (!list) lists.set(kind, (list = [kind]));
  return list;
}

/** The owner id a scoped or owned ref is looked up in: the sibling field, else the enclosing entity. */
export function ownerIdFor(ref: Ref, ownerKind: string): string | undefined {
  const field = ref.spec.ownedBy;
  if (field) {
    const v = str(get(ref.container, field));
    if (v !== undefined) return v;
  }
  return ref.from?.kind === ownerKind ? ref.from.id : ownerOfKind(ref.from, ownerKind)?.id;
}

/**
 * Where the sibling naming a ref's owner is written (`device_ref` beside a `slot_ref`): a finding on
 * the ref takes that value for right, so it follows from any finding on it.
 */
export function ownerValueSpans(ref: Ref): Span[] | undefined {
  const field = ref.spec.ownedBy;
  const n = field ? deref(get(ref.container, field)) : undefined;
  return n?.kind === 'scalar' ? [{ file: n.file, start: n.start, end: n.end }] : undefined;
}

/** The entities of `kinds` with these ids (inside the owner for scoped kinds): what a value was probably meant to name. */
export function meantSpans(index: EntityIndex, kinds: string[], ids: string[], ownerId?: string): Span[] | undefined {
  const out: Span[] = [];
  for (const id of ids) for (const k of kinds) for (const e of index.find(k, id, ownerId)) out.push(e.idSpan);
  return out.length ? out : undefined;
}

export function resolveRef(ref: Ref, index: EntityIndex): Resolution {
  if (ref.spec.untyped) return resolveUntyped(ref, index);
  const kinds = targetKinds(ref);
  for (const kind of kinds) {
    let found: Entity[];
    let ownerId: string | undefined;
    if (index.isScoped(kind)) {
      const scopeKind = scopeOf(kind, index);
      ownerId = scopeKind ? ownerIdFor(ref, scopeKind) : undefined;
      found = index.find(kind, ref.value, ownerId);
      if (found.length === 0) {
        if (kinds.length === 1) return { status: 'unknown', kinds, ...(ownerId !== undefined ? { ownerId } : {}) };
        continue;
      }
    } else found = index.find(kind, ref.value);
    const target = found[0];
    if (!target) continue;
    const problem = checkTarget(ref, target);
    if (problem) return { status: 'wrong-target', kinds, target, reason: problem };
    return { status: 'ok', target, kinds };
  }
  const other = index.withId(ref.value).filter((e) => !kinds.includes(e.kind));
  if (other.length > 0) return { status: 'wrong-kind', kinds, found: other };
  return { status: 'unknown', kinds };
}

/** A ref no declaration gives a kind names the one entity whose id is its value, if exactly one is. */
function resolveUntyped(ref: Ref, index: EntityIndex): Resolution {
  const found = index.anyWithId(ref.value);
  if (found.length === 1) return { status: 'ok', target: found[0]!, kinds: [found[0]!.kind] };
  return found.length === 0 ? { status: 'unknown', kinds: [] } : { status: 'ambiguous', kinds: [], found };
}

function scopeOf(kind: string, index: EntityIndex): string | undefined {
  return index.ofKind(kind)[0]?.decl.scope;
}

/** Class constraints (`where`/`whereNot`) and ownership (`ownedBy` on unscoped kinds). */
function checkTarget(ref: Ref, target: Entity): string | undefined {
  const { where, whereNot, ownedBy } = ref.spec;
  if (!where && !whereNot && !ownedBy) return undefined;
  for (const [field, allowed] of Object.entries(where ?? {})) {
    const v = str(get(target.node, field));
    if (v === undefined || !allowed.includes(v)) return `its ${field} is ${v === undefined ? 'not set' : `'${v}'`}, and \`${ref.field}\` needs ${field} ${allowed.map((a) => `'${a}'`).join(' or ')}`;
  }
  for (const [field, banned] of Object.entries(whereNot ?? {})) {
    const v = str(get(target.node, field));
    if (v !== undefined && banned.includes(v)) return `its ${field} is '${v}', which \`${ref.field}\` cannot name`;
  }
  if (ownedBy && target.owner && !target.decl.scope) {
    const ownerId = str(get(ref.container, ownedBy));
    if (ownerId !== undefined && target.owner.id !== ownerId) return `it belongs to ${target.owner.kind} '${target.owner.id}', not to '${ownerId}' named by \`${ownedBy}\``;
  }
  return undefined;
}
