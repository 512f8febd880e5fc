/**
 * Facts the migrations derive from v4.0 data: which service uses a data asset, an asset's engine,
 * where a service's address comes from, which devices hold an asset. Each is a reading of values
 * already written elsewhere, so a migration may drop the legacy copy without losing anything.
 */
import { nics, serviceRuntime } from '../model/canonical';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { get, items, str } from '../workspace/nodes';

/** Words that say what kind of data something is, not which application owns it. */
const GENERIC = new Set([
  'data',
  'db',
  'config',
  'configuration',
  'files',
  'file',
  'media',
  'library',
  'tsdb',
  'cache',
  'cluster',
  'dataset',
  'mgmt',
  'ui',
  'main',
  'volume',
  'export',
  'backup',
  'server',
  'web',
  'app',
  'docs',
  'dump',
]);

/** Known engines by a word of an id or name (`mikrotik` data is a RouterOS export). */
const ENGINES: Record<string, string> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  redis: 'redis',
  prometheus: 'prometheus',
  grafana: 'grafana',
  nextcloud: 'nextcloud',
  jellyfin: 'jellyfin',
  homeassistant: 'homeassistant',
  mysql: 'mysql',
  mariadb: 'mariadb',
  nginx: 'nginx',
  influxdb: 'influxdb',
  loki: 'loki',
  proxmox: 'proxmox-ve',
  routeros: 'routeros',
  mikrotik: 'routeros',
};

/** The distinctive words of an id (`data-postgresql-db` → postgresql). */
export function idTokens(id: string): string[] {
  return id
    .split('-')
    .slice(1)
    .filter((t) => t !== '' && !GENERIC.has(t));
}

export function assetEngine(asset: Entity): string | undefined {
  const written = str(get(asset.node, 'engine'));
  if (written) return written;
  const words = [...asset.id.split('-'), ...(str(get(asset.node, 'name')) ?? '').toLowerCase().split(/[^a-z0-9]+/)];
  for (const w of words) if (ENGINES[w]) return ENGINES[w];
  return undefined;
}

/** Services that use an asset: a distinctive word (or the engine) shared with the service id. */
export function servicesUsing(model: TopologyModel, asset: Entity): Entity[] {
  const words = new Set(idTokens(asset.id));
  const engine = assetEngine(asset);
  if (engine) words.add(engine);
  return model.index.ofKind('service').filter((s) => idTokens(s.id).some((t) => words.has(t) || ENGINES[t] === engine));
}

/** Data assets a service uses (the reverse of servicesUsing). */
export function assetsUsedBy(model: TopologyModel, svc: Entity): Entity[] {
  return model.index.ofKind('data_asset').filter((a) => servicesUsing(model, a).includes(svc));
}

/** The device a service, guest or device runs on. */
function deviceOf(model: TopologyModel, kind: string | undefined, id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (kind === 'device') return id;
  const guest = kind ? model.index.first(kind, id) : undefined;
  return guest ? str(get(guest.node, 'device_ref')) : undefined;
}

/**
 * Devices the rest of the topology places an asset on: the guests whose volumes hold it, backup
 * targets naming it (their device or LXC), services listing it in `data_asset_refs`, and the
 * storage endpoint (or legacy pool) it sits on.
 */
export function devicesHolding(model: TopologyModel, asset: Entity, poolDevice?: (poolId: string) => string | undefined): Set<string> {
  const out = new Set<string>();
  const add = (d: string | undefined) => d && out.add(d);
  for (const vol of model.index.ofKind('volume')) {
    if (str(get(vol.node, 'data_asset_ref')) === asset.id && vol.owner) add(str(get(vol.owner.node, 'device_ref')));
  }
  for (const policy of model.index.ofKind('backup_policy')) {
    for (const t of items(get(policy.node, 'targets'))) {
      if (str(get(t, 'data_asset_ref')) !== asset.id) continue;
      add(str(get(t, 'device_ref')));
      add(deviceOf(model, 'lxc', str(get(t, 'lxc_ref'))));
    }
  }
  for (const svc of model.index.ofKind('service')) {
    if (!items(get(svc.node, 'data_asset_refs')).some((x) => str(x) === asset.id)) continue;
    const rt = serviceRuntime(svc);
    add(deviceOf(model, rt.targetKind, rt.targetId));
  }
  const storage = str(get(asset.node, 'storage_ref')) ?? str(get(asset.node, 'storage_endpoint_ref'));
  if (storage && poolDevice) add(poolDevice(storage));
  const endpoint = model.index.first('storage_endpoint', storage);
  if (endpoint) add(endpointDevice(model, endpoint));
  return out;
}

/** The device under a storage endpoint: its mount point's device, or down the LV → VG → PV → attachment chain. */
export function endpointDevice(model: TopologyModel, endpoint: Entity): string | undefined {
  const mnt = model.index.first('mount_point', str(get(endpoint.node, 'mount_point_ref')));
  if (mnt) return str(get(mnt.node, 'device_ref'));
  const lv = model.index.first('logical_volume', str(get(endpoint.node, 'lv_ref')));
  const vg = lv && model.index.first('volume_group', str(get(lv.node, 'vg_ref')));
  const pv = vg && model.index.first('partition', str(items(get(vg.node, 'pv_refs'))[0]));
  const att = pv && model.index.first('media_attachment', str(get(pv.node, 'media_attachment_ref')));
  return att ? str(get(att.node, 'device_ref')) : undefined;
}

/** The address a service has by its runtime: the guest's NIC in the bound network, or the device's allocation there. */
export function derivedServiceIp(model: TopologyModel, svc: Entity): string | undefined {
  const rt = serviceRuntime(svc);
  if (!rt.targetId) return undefined;
  if (rt.targetKind === 'lxc' || rt.targetKind === 'vm') {
    const guest = model.index.first(rt.targetKind, rt.targetId);
    if (!guest) return undefined;
    const list = nics(guest);
    return (list.find((n) => rt.networkBindingRef && n.networkRef === rt.networkBindingRef) ?? (rt.networkBindingRef ? undefined : list[0]))?.ip;
  }
  if (rt.targetKind === 'device' && rt.networkBindingRef) {
    const net = model.index.first('network', rt.networkBindingRef);
    for (const a of items(get(net?.node, 'ip_allocations'))) {
      if ((str(get(a, 'device_ref')) ?? str(get(a, 'host_os_ref'))) === rt.targetId) return str(get(a, 'ip'))?.split('/')[0];
    }
  }
  return undefined;
}

/** Backup policies whose targets name an asset, in document order. */
export function backupPoliciesFor(model: TopologyModel, asset: Entity): string[] {
  return model.index
    .ofKind('backup_policy')
    .filter((p) => items(get(p.node, 'targets')).some((t) => str(get(t, 'data_asset_ref')) === asset.id))
    .map((p) => p.id);
}

/** The LXC a data asset lives in: a backup target pairing it with an LXC, or the LXC of a service that uses it. */
export function lxcHolding(model: TopologyModel, asset: Entity): Entity | undefined {
  for (const policy of model.index.ofKind('backup_policy')) {
    for (const t of items(get(policy.node, 'targets'))) {
      const lxc = str(get(t, 'lxc_ref'));
      if (str(get(t, 'data_asset_ref')) === asset.id && lxc) return model.index.first('lxc', lxc);
    }
  }
  for (const svc of servicesUsing(model, asset)) {
    const rt = serviceRuntime(svc);
    if (rt.targetKind === 'lxc') return model.index.first('lxc', rt.targetId);
  }
  return undefined;
}
