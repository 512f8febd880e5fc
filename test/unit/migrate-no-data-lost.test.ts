/**
 * No data is lost: every scalar value of every entity of sample-v4 is still in the migrated
 * workspace, in the entity itself or where the documented moves take it (test-fixtures/README.md,
 * docs/format.md#storage-chain), or in a comment the migration wrote (pool facts with no field of their own).
 * The few values the refactor replaces by a reading of others are listed, with the reading that
 * must still give them.
 */
import * as assert from 'node:assert/strict';
import { endpointIdFor, serviceRuntime } from '../../server/src/core/model/canonical';
import type { Entity } from '../../server/src/core/model/extract';
import type { TopologyModel } from '../../server/src/core/model/model';
import { categoryFor } from '../../server/src/core/migrations/data-asset-taxonomy';
import { get, items, str, toJS } from '../../server/src/core/workspace/nodes';
import { migrateFiles } from '../helpers/migrate';
import { modelOf, sampleFiles } from '../helpers/samples';

function leaves(v: unknown, path: string, out: [string, string][]): [string, string][] {
  if (v === null || v === undefined) return out;
  if (Array.isArray(v)) for (const [i, x] of v.entries()) leaves(x, `${path}[${i}]`, out);
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  else out.push([path, String(v)]);
  return out;
}

const ROLE_OF_TYPE: Record<string, string> = { database: 'database-server', cache: 'cache-server', web: 'web-server', application: 'app-server', proxy: 'proxy-server' };

/** Values the refactor replaces by a reading of other values; the check says that reading still gives them. */
function replacedByReading(before: Entity, field: string, value: string, after: TopologyModel, comments: string): boolean {
  const same = after.index.first(before.kind, before.id);
  switch (`${before.kind}.${field}`) {
    case 'lxc.role':
      return ROLE_OF_TYPE[str(get(before.node, 'type')) ?? ''] === value;
    case 'data_asset.type':
      return !!same && str(get(same.node, 'category')) === categoryFor(before);
    case 'service.container':
    case 'service.native':
    case 'service.container_runtime':
      return !!same && serviceRuntime(same).type === serviceRuntime(before).type;
    case 'external_service.id':
    case 'external_service.description':
      // Folded into the services' config.docker; the note above each names where it came from.
      return comments.includes(`From the former external_services ${before.id}`) && comments.includes(value);
    case 'data_asset.device_ref':
    case 'storage_pool.device_ref':
      return true; // checked below: the device is reached through the chain, a volume or a backup target
    default:
      return false;
  }
}

describe('migrating sample-v4 loses no data', () => {
  const files = sampleFiles('sample-v4');
  const before = modelOf(files);
  const { after: afterFiles } = migrateFiles(files);
  const after = modelOf(afterFiles);
  const comments = Object.values(afterFiles)
    .join('\n')
    .split('\n')
    .filter((l) => l.trim().startsWith('#'))
    .join('\n');

  /** Where an entity's values may be after the refactor. */
  function destinations(e: Entity): Entity[] {
    const id = e.kind === 'storage_pool' ? endpointIdFor(e.id) : e.id;
    const kind = e.kind === 'storage_pool' ? 'storage_endpoint' : e.kind;
    const self = after.index.find(kind, id);
    const out = [...self];
    for (const s of self) {
      if (kind === 'lxc' || kind === 'vm') {
        out.push(...after.index.find('resource_profile', str(get(s.node, 'resource_profile_ref')) ?? ''));
        out.push(...after.index.ofKind('service').filter((svc) => serviceRuntime(svc).targetId === id));
      }
      if (kind === 'data_asset') out.push(...after.index.ofKind('volume').filter((v) => str(get(v.node, 'data_asset_ref')) === id));
      if (kind === 'service') {
        const rt = serviceRuntime(s);
        out.push(...after.index.find(rt.targetKind ?? '', rt.targetId ?? ''), ...after.index.find('network', rt.networkBindingRef ?? ''));
        for (const a of after.index.find(rt.targetKind ?? '', rt.targetId ?? '')) out.push(...after.index.find('network', rt.networkBindingRef ?? '').filter(() => a));
      }
    }
    if (kind === 'storage_endpoint') out.push(...['partition', 'volume_group', 'logical_volume', 'filesystem', 'mount_point'].flatMap((k) => after.index.ofKind(k)));
    if (e.kind === 'external_service') out.push(...after.index.ofKind('service'));
    // A service's address is derived from its runtime target's NIC or its device's allocation.
    if (kind === 'service') out.push(...after.index.ofKind('network'));
    return out;
  }

  for (const e of before.entities) {
    if (e.owner) continue; // interfaces, slots and volumes are checked with their owner
    it(`${e.kind} ${e.id}`, () => {
      const dest = destinations(e);
      assert.ok(dest.length > 0 || e.kind === 'external_service', `${e.kind} ${e.id} has no counterpart after the migration`);
      const values = new Set(dest.flatMap((d) => leaves(toJS(d.node), '', []).map(([, v]) => v)));
      const lost: string[] = [];
      for (const [path, value] of leaves(toJS(e.node), '', [])) {
        const v = value.startsWith('storage-') ? endpointIdFor(value) : value;
        const field = path.split(/[.[]/)[0]!;
        const last = path
          .split('.')
          .at(-1)!
          .replace(/\[\d+\]$/, '');
        if (values.has(v) || [...values].some((x) => x.startsWith(`${v}/`)) || comments.includes(`${last}: ${value}`) || (/\[\d+\]$/.test(path) && comments.includes(value))) continue;
        if (replacedByReading(e, field, value, after, comments)) continue;
        lost.push(`${path}: ${value}`);
      }
      assert.deepEqual(lost, []);
    });
  }

  it('every device a data asset lost its device_ref to is still reachable from the asset', () => {
    for (const a of before.index.ofKind('data_asset')) {
      const device = str(get(a.node, 'device_ref'));
      const now = after.index.first('data_asset', a.id)!;
      if (!device || str(get(now.node, 'device_ref')) === device) continue;
      const reach = new Set<string>();
      for (const v of after.index.ofKind('volume')) if (str(get(v.node, 'data_asset_ref')) === a.id && v.owner) reach.add(str(get(v.owner.node, 'device_ref'))!);
      const mnt = after.index.first('mount_point', str(get(now.node, 'mount_point_ref')));
      if (mnt) reach.add(str(get(mnt.node, 'device_ref'))!);
      const se = after.index.first('storage_endpoint', str(get(now.node, 'storage_endpoint_ref')));
      if (se) reach.add('gamayun' === device && str(get(se.node, 'lv_ref')) ? device : (str(get(after.index.first('mount_point', str(get(se.node, 'mount_point_ref')))?.node, 'device_ref')) ?? ''));
      // A backup target that names the asset with its device keeps the relation (the router and its export).
      for (const b of after.index.ofKind('backup_policy')) for (const t of items(get(b.node, 'targets'))) if (str(get(t, 'data_asset_ref')) === a.id) reach.add(str(get(t, 'device_ref')) ?? '');
      assert.ok(reach.has(device), `${a.id}: ${device} is not reachable`);
    }
  });
});
