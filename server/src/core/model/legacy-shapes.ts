/**
 * Every use of a legacy (v4.0) shape, with the migration that removes it. Most are declared in the
 * schema (`deprecated` + `x-migration`, collected by extract.ts); two cannot be: application keys
 * in an LXC's or VM's `ansible.vars`, and `storage_ref` inside `L4_platform._defaults` (a bag of
 * anchors the schema leaves open). The `deprecated-field` rule and the migrations read this list.
 */
import { isMigrationId, type MigrationId } from './migration-ids';
import type { Span } from '../types';
import { deref, entriesOf, get, type SEntry, type SMap, type SNode } from '../workspace/nodes';
import type { DataPath, DeprecatedUse, Entity } from './extract';
import type { Memo } from '../tracking/reads';
import type { TopologyModel } from './model';

/** Prefixes of the application keys that moved from `ansible.vars` to the service's `config` (docs/format.md#service-config). */
export const APP_VAR_PREFIXES = ['postgresql_', 'redis_', 'nginx_', 'mysql_', 'nextcloud_', 'grafana_', 'prometheus_', 'jellyfin_', 'homeassistant_'] as const;

export interface LegacyUse {
  /** The legacy key as written (`lxc_ref`, `storage`, `vars`). */
  field: string;
  entry: SEntry;
  /** The map holding the key. */
  container: SMap;
  path: DataPath;
  /** The entity the key belongs to (undefined for collection keys such as `L3_data.storage`). */
  from: Entity | undefined;
  migration: MigrationId | undefined;
  /** Where the key is written. */
  span: Span;
  /** For `ansible.vars`: the application keys found in it. */
  appKeys?: SEntry[];
  /** For a key under an anchor in `_defaults`: the entities whose aliases carry it. */
  aliasedBy?: Entity[];
  source: 'schema' | 'ansible-vars' | 'defaults';
}

function keySpan(container: SMap, e: SEntry): Span {
  return { file: container.file, start: e.keyStart, end: e.keyEnd };
}

/** Legacy uses in document order; one per written key (an anchor aliased twice is one use). */
export function legacyUses(model: TopologyModel): LegacyUse[] {
  const out = [...outsideLegacyUses(model), ...model.entities.flatMap((e) => entityLegacyUses(model, e))];
  return out.sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start));
}

/** Where each legacy key is reported, worked out once per model from the list extraction made. */
interface LegacyIndex {
  /** Keys under `L4_platform._defaults` (reported there, with the entities whose aliases carry them). */
  defaults: LegacyUse[];
  /** Declared legacy keys by the entity that reports them: the first whose data holds the key. */
  byEntity: Map<Entity, DeprecatedUse[]>;
  /** Declared legacy keys of no entity (collection keys such as `L3_data.storage`). */
  outside: DeprecatedUse[];
}

const indexes = new WeakMap<TopologyModel, Memo<LegacyIndex>>();

function legacyIndex(model: TopologyModel): LegacyIndex {
  return model.tracking.memoized(indexes, model, () => {
    const defaults: LegacyUse[] = [];
    // _defaults first: a key written under an anchor there is reported there, not as its aliases' key.
    findStorageRefs(get(get(model.assembly.root, 'L4_platform'), '_defaults'), ['L4_platform', '_defaults'], (u) => defaults.push(u), 0);
    // By the key's entry: an alias shares the entries of its anchor, so one written key is one entry.
    const reported = new Map<SEntry, LegacyUse | true>(defaults.map((u) => [u.entry, u]));
    const byEntity = new Map<Entity, DeprecatedUse[]>();
    const outside: DeprecatedUse[] = [];
    model.tracking.noteDeprecated();
    for (const d of model.index.extraction.deprecated) {
      const key = d.entry;
      const first = reported.get(key);
      if (first) {
        if (first !== true && d.from) (first.aliasedBy ??= []).push(d.from);
        continue;
      }
      reported.set(key, true);
      if (!d.from) outside.push(d);
      else {
        const list = byEntity.get(d.from);
        if (list) list.push(d);
        else byEntity.set(d.from, [d]);
      }
    }
    return { defaults, byEntity, outside };
  });
}

/** The legacy uses outside every entity: keys under `_defaults` and legacy collection keys. */
export function outsideLegacyUses(model: TopologyModel): LegacyUse[] {
  const index = legacyIndex(model);
  return [...index.defaults, ...index.outside.map(schemaUse)];
}

/** The legacy uses an entity reports: its declared legacy keys, and for a guest, application keys in `ansible.vars`. */
export function entityLegacyUses(model: TopologyModel, entity: Entity): LegacyUse[] {
  const out = (legacyIndex(model).byEntity.get(entity) ?? []).map(schemaUse);
  if (entity.kind === 'lxc' || entity.kind === 'vm') {
    const vars = ansibleVarsUse(entity);
    if (vars && reportsVars(model, entity, vars)) out.push(vars);
  }
  return out;
}

function schemaUse(d: DeprecatedUse): LegacyUse {
  const migration = d.migration !== undefined && isMigrationId(d.migration) ? d.migration : undefined;
  return { field: d.entry.key, entry: d.entry, container: d.container, path: d.path, from: d.from, migration, span: keySpan(d.container, d.entry), source: 'schema' };
}

function ansibleVarsUse(guest: Entity): LegacyUse | undefined {
  const ansible = deref(get(guest.node, 'ansible'));
  const vars = ansible?.kind === 'map' ? ansible.byKey.get('vars') : undefined;
  const map = deref(vars?.value);
  if (ansible?.kind !== 'map' || !vars || map?.kind !== 'map') return undefined;
  const appKeys = entriesOf(map).filter((e) => APP_VAR_PREFIXES.some((p) => e.key.startsWith(p)));
  if (!appKeys.length) return undefined;
  return {
    field: 'vars',
    entry: vars,
    container: ansible,
    path: [...guest.path, 'ansible', 'vars'],
    from: guest,
    migration: 'service-config',
    span: keySpan(ansible, vars),
    appKeys,
    source: 'ansible-vars',
  };
}

/**
 * A `vars` block is reported by the guest it is written in; one written outside every guest and
 * shared through aliases, by the first guest (LXC, then VM) that carries it.
 */
function reportsVars(model: TopologyModel, guest: Entity, use: LegacyUse): boolean {
  return writtenIn(guest, use) || sharedVarsReporters(model).get(use.entry) === guest;
}

function writtenIn(e: Entity, use: LegacyUse): boolean {
  return use.span.file === e.node.file && use.span.start >= e.node.start && use.span.end <= e.node.end;
}

const varsReporters = new WeakMap<TopologyModel, Memo<Map<SEntry, Entity>>>();

/** For each `vars` block not written in the guest carrying it, the guest that reports it; once per model. */
function sharedVarsReporters(model: TopologyModel): Map<SEntry, Entity> {
  return model.tracking.memoized(varsReporters, model, () => {
    const out = new Map<SEntry, Entity>();
    const written = new Set<SEntry>();
    for (const guest of [...model.index.ofKind('lxc'), ...model.index.ofKind('vm')]) {
      const use = ansibleVarsUse(guest);
      if (!use) continue;
      if (writtenIn(guest, use)) written.add(use.entry);
      else if (!out.has(use.entry)) out.set(use.entry, guest);
    }
    for (const entry of written) out.delete(entry);
    return out;
  });
}

function findStorageRefs(node: SNode | undefined, path: DataPath, add: (u: LegacyUse) => void, depth: number): void {
  const n = deref(node);
  if (!n || depth > 20) return;
  if (n.kind === 'seq') for (const [i, item] of n.items.entries()) findStorageRefs(item, [...path, i], add, depth + 1);
  if (n.kind !== 'map') return;
  for (const e of entriesOf(n)) {
    if (e.key === 'storage_ref') add({ field: e.key, entry: e, container: n, path: [...path, e.key], from: undefined, migration: 'storage-chain', span: keySpan(n, e), source: 'defaults' });
    else findStorageRefs(e.value, [...path, e.key], add, depth + 1);
  }
}
