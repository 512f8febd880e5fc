/**
 * Every use of a legacy (v4.0) shape, with the migration that removes it. Most are declared in the
 * schema (`deprecated` + `x-migration`, collected by extract.ts); two cannot be: application keys
 * in an LXC's or VM's `ansible.vars`, and `storage_ref` inside `L4_platform._defaults` (a bag of
 * anchors the schema leaves open). The `deprecated-field` rule and the migrations read this list.
 */
import { isMigrationId, type MigrationId } from './migration-ids';
import type { Span } from '../types';
import { deref, entriesOf, get, type SEntry, type SMap, type SNode } from '../workspace/nodes';
import type { DataPath, Entity } from './extract';
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
  const out: LegacyUse[] = [];
  const seen = new Map<string, LegacyUse>();
  const add = (u: LegacyUse) => {
    const key = `${u.span.file}:${u.span.start}`;
    const first = seen.get(key);
    if (first) {
      if (first.source === 'defaults' && u.from) (first.aliasedBy ??= []).push(u.from);
      return;
    }
    seen.set(key, u);
    out.push(u);
  };
  // _defaults first: a key written under an anchor there is reported there, not as its aliases' key.
  const defaults = get(get(model.assembly.root, 'L4_platform'), '_defaults');
  findStorageRefs(defaults, ['L4_platform', '_defaults'], add, 0);
  model.tracking.noteDeprecated();
  for (const d of model.index.extraction.deprecated) {
    const migration = d.migration !== undefined && isMigrationId(d.migration) ? d.migration : undefined;
    add({ field: d.entry.key, entry: d.entry, container: d.container, path: d.path, from: d.from, migration, span: keySpan(d.container, d.entry), source: 'schema' });
  }
  for (const kind of ['lxc', 'vm']) {
    for (const guest of model.index.ofKind(kind)) {
      const ansible = deref(get(guest.node, 'ansible'));
      const vars = ansible?.kind === 'map' ? ansible.byKey.get('vars') : undefined;
      const map = deref(vars?.value);
      if (ansible?.kind !== 'map' || !vars || map?.kind !== 'map') continue;
      const appKeys = entriesOf(map).filter((e) => APP_VAR_PREFIXES.some((p) => e.key.startsWith(p)));
      if (appKeys.length)
        add({
          field: 'vars',
          entry: vars,
          container: ansible,
          path: [...guest.path, 'ansible', 'vars'],
          from: guest,
          migration: 'service-config',
          span: keySpan(ansible, vars),
          appKeys,
          source: 'ansible-vars',
        });
    }
  }
  return out.sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start));
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
