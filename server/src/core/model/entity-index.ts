import type { Entity, Extraction, Ref } from './extract';
import type { Tracker } from '../tracking/tracker';

/**
 * Entities by kind and id. Kinds with an `x-scope` are indexed per owning entity (storage slots are
 * unique per device only).
 */
export class EntityIndex {
  private readonly byKind = new Map<string, Map<string, Entity[]>>();
  private readonly scoped = new Map<string, Map<string, Map<string, Entity[]>>>();
  /** Unscoped entities by id whatever their kind; built on first use (a ref that names no entity of its kind). */
  private anyKind: Map<string, Entity[]> | undefined;
  private readonly kindLists = new Map<string, Entity[]>();
  private refsValueMap: Map<string, Ref[]> | undefined;
  /** What `fromIds` worked out, by key. */
  private readonly idMemos = new Map<string, unknown>();

  /**
   * `previous`: the index of the last analysis. When the entities kept their kinds, ids and owners
   * (an edit inside values), its maps are copied and only the re-read entities swapped in.
   */
  constructor(
    readonly extraction: Extraction,
    /** Notes a read of the whole ref list. */
    private readonly tracking: Tracker,
    previous?: EntityIndex,
  ) {
    if (previous && this.derive(previous)) return;
    for (const e of extraction.entities) {
      const scope = e.decl.scope;
      if (scope) {
        const owner = ownerOfKind(e, scope);
        const byOwner = getOrSet(this.scoped, e.kind, () => new Map<string, Map<string, Entity[]>>());
        const ids = getOrSet(byOwner, owner?.id ?? '', () => new Map<string, Entity[]>());
        getOrSet(ids, e.id, () => []).push(e);
      } else {
        // The hot path of every analysis (10k+ entities, 30k+ refs): no closures, no spare arrays.
        let ids = this.byKind.get(e.kind);
        if (!ids) this.byKind.set(e.kind, (ids = new Map()));
        pushTo(ids, e.id, e);
      }
    }
  }

  /** Refs by the id they name (any kind), for references and rename; built on first use. */
  get refsById(): Map<string, Ref[]> {
    this.tracking.noteRefs();
    return this.byValue();
  }

  /** The refs naming `id`, without counting as a read of every ref (the caller notes what it reads). */
  refsByValue(id: string): Ref[] | undefined {
    return this.byValue().get(id);
  }

  private byValue(): Map<string, Ref[]> {
    if (!this.refsValueMap) {
      this.refsValueMap = new Map();
      for (const r of this.extraction.refs) pushTo(this.refsValueMap, r.value, r);
    }
    return this.refsValueMap;
  }

  private derive(prev: EntityIndex): boolean {
    const before = prev.extraction.entities;
    const after = this.extraction.entities;
    if (before.length !== after.length) return false;
    const swaps: number[] = [];
    for (let i = 0; i < after.length; i++) {
      const a = before[i]!;
      const b = after[i]!;
      if (a === b) continue;
      if (a.kind !== b.kind || a.id !== b.id || a.decl !== b.decl || a.owner?.id !== b.owner?.id || a.decl.scope) return false;
      swaps.push(i);
    }
    const touched = new Set<string>();
    for (const [k, v] of prev.byKind) this.byKind.set(k, v);
    for (const i of swaps) {
      const a = before[i]!;
      const b = after[i]!;
      if (!touched.has(a.kind)) {
        touched.add(a.kind);
        this.byKind.set(a.kind, new Map(prev.byKind.get(a.kind)));
      }
      const ids = this.byKind.get(a.kind)!;
      ids.set(
        a.id,
        ids.get(a.id)!.map((e) => (e === a ? b : e)),
      );
    }
    if (swaps.length === 0) this.anyKind = prev.anyKind;
    for (const [k, v] of prev.scoped) this.scoped.set(k, v);
    for (const [k, v] of prev.kindLists) if (!touched.has(k)) this.kindLists.set(k, v);
    // Every entity kept its kind, id and owner: what was worked out from those alone still holds.
    for (const [k, v] of prev.idMemos) this.idMemos.set(k, v);
    return true;
  }

  get entities(): Entity[] {
    return this.extraction.entities;
  }

  get refs(): Ref[] {
    this.tracking.noteRefs();
    return this.extraction.refs;
  }

  /** Entities of a kind with this id; for scoped kinds, inside the given owner. */
  find(kind: string, id: string, ownerId?: string): Entity[] {
    const byOwner = this.scoped.get(kind);
    if (byOwner) return byOwner.get(ownerId ?? '')?.get(id) ?? [];
    return this.byKind.get(kind)?.get(id) ?? [];
  }

  first(kind: string, id: string | undefined): Entity | undefined {
    return id === undefined ? undefined : this.find(kind, id)[0];
  }

  /** Every unscoped entity with this id, whatever its kind. */
  withId(id: string): Entity[] {
    if (!this.anyKind) {
      this.anyKind = new Map();
      for (const e of this.extraction.entities) if (!e.decl.scope) pushTo(this.anyKind, e.id, e);
    }
    return this.anyKind.get(id) ?? [];
  }

  /** Every entity with this id, whatever its kind or owner (what a ref of unknown kind may name). */
  anyWithId(id: string): Entity[] {
    if (this.scoped.size === 0) return this.withId(id);
    if (!this.allIds) {
      this.allIds = new Map();
      for (const e of this.extraction.entities) pushTo(this.allIds, e.id, e);
    }
    return this.allIds.get(id) ?? [];
  }
  private allIds: Map<string, Entity[]> | undefined;

  /** Every entity of a kind, in document order (flattened once per index: many rules ask). */
  ofKind(kind: string): Entity[] {
    let list = this.kindLists.get(kind);
    if (!list) {
      const m = this.byKind.get(kind);
      const s = this.scoped.get(kind);
      list = m ? [...m.values()].flat() : s ? [...s.values()].flatMap((ids) => [...ids.values()].flat()) : [];
      this.kindLists.set(kind, list);
    }
    // A copy: callers may sort or filter in place; copying is far cheaper than flattening the maps.
    return list.slice();
  }

  /** Ids of a kind (scoped: inside that owner), for did-you-mean and completion. */
  ids(kind: string, ownerId?: string): string[] {
    const s = this.scoped.get(kind);
    if (s) return [...(s.get(ownerId ?? '')?.keys() ?? [])];
    return [...(this.byKind.get(kind)?.keys() ?? [])];
  }

  /**
   * A value worked out from the kinds, ids and owners of the entities alone (never their fields),
   * made once per key: an index derived after an edit that kept every id keeps it too.
   */
  fromIds<T>(key: string, make: () => T): T {
    if (this.idMemos.has(key)) return this.idMemos.get(key) as T;
    const v = make();
    this.idMemos.set(key, v);
    return v;
  }

  isScoped(kind: string): boolean {
    return this.scoped.has(kind);
  }

  /** Groups of entities that share kind and id (scoped kinds within one owner). */
  duplicates(): Entity[][] {
    const out: Entity[][] = [];
    for (const ids of this.byKind.values()) for (const list of ids.values()) if (list.length > 1) out.push(list);
    for (const owners of this.scoped.values()) for (const ids of owners.values()) for (const list of ids.values()) if (list.length > 1) out.push(list);
    return out;
  }
}

export function ownerOfKind(e: Entity | undefined, kind: string): Entity | undefined {
  for (let o = e?.owner; o; o = o.owner) if (o.kind === kind) return o;
  return undefined;
}

function pushTo<T>(m: Map<string, T[]>, key: string, value: T): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}

function getOrSet<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}
