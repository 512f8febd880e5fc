/**
 * Lookups the generators (and the backup rule) need beyond canonical.ts: a network's effective
 * values, the services on a target or using a data asset, a storage's datastore name, where a data
 * asset lives and which backup policies cover it. Addresses come from ./addresses, the storage
 * chain from ./storage-chain; nothing here reads either again.
 */
import { get, items, scalar, str, type SNode } from '../workspace/nodes';
import { networkAddressing, type Cidr } from './addresses';
import { serviceRuntime, storageRef } from './canonical';
import type { EntityIndex } from './entity-index';
import type { Entity } from './extract';
import { groupBy } from './group-by';
import type { TopologyModel } from './model';

// ---------------------------------------------------------------- per-model lookup tables

const memos = new WeakMap<EntityIndex, Map<string, unknown>>();

/** A derived table computed once per model (the index never changes after it is built). */
function memo<T>(index: EntityIndex, key: string, make: () => T): T {
  let m = memos.get(index);
  if (!m) memos.set(index, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** Services whose runtime targets this LXC, VM or device. */
export function servicesOn(target: Entity, index: EntityIndex): Entity[] {
  const table = memo(index, 'servicesByTarget', () =>
    groupBy(index.ofKind('service'), (s) => {
      const rt = serviceRuntime(s);
      return rt.targetKind && rt.targetId ? `${rt.targetKind}:${rt.targetId}` : undefined;
    }),
  );
  return table.get(`${target.kind === 'lxc' || target.kind === 'vm' ? target.kind : 'device'}:${target.id}`) ?? [];
}

/** Services that list a data asset in `data_asset_refs`. */
export function servicesUsing(asset: Entity, index: EntityIndex): Entity[] {
  const table = memo(index, 'servicesByAsset', () => {
    const out = new Map<string, Entity[]>();
    for (const s of index.ofKind('service')) for (const a of strs(get(s.node, 'data_asset_refs'))) out.set(a, [...(out.get(a) ?? []), s]);
    return out;
  });
  return table.get(asset.id) ?? [];
}

// ---------------------------------------------------------------- networks

export interface NetworkView {
  entity: Entity;
  id: string;
  name: string;
  cidr: string | undefined;
  /** The `cidr` as the address model reads it (undefined for `dhcp` or an unreadable value). */
  parsed: Cidr | undefined;
  gateway: string | undefined;
  vlan: number | undefined;
  dhcp: boolean;
  dhcpRange: string | undefined;
  dns: string[];
  trustZone: string | undefined;
  bridgeRef: string | undefined;
  managedBy: string | undefined;
  interfaceRef: string | undefined;
  mtu: number | undefined;
  segmentation: string | undefined;
  plane: string | undefined;
  firewallPolicyRefs: string[];
  description: string | undefined;
  vpnType: string | undefined;
}

const num = (n: SNode | undefined): number | undefined => {
  const v = scalar(n);
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
};
const strs = (n: SNode | undefined): string[] => items(n).flatMap((i) => (str(i) !== undefined ? [str(i)!] : []));

/** The text fields a network view reads from the network itself: view key → YAML key. */
const OWN_TEXT = {
  cidr: 'cidr',
  gateway: 'gateway',
  dhcpRange: 'dhcp_range',
  trustZone: 'trust_zone_ref',
  bridgeRef: 'bridge_ref',
  managedBy: 'managed_by_ref',
  interfaceRef: 'interface_ref',
  description: 'description',
  vpnType: 'vpn_type',
} as const;

/** The text fields a network's profile supplies where the network leaves them out. */
const PROFILE_TEXT = { segmentation: 'segmentation_type', plane: 'network_plane' } as const;

/** Each field of `table` (view key → YAML key), read by `read`. */
function readFields<const T extends Record<string, string>, V>(table: T, read: (key: string) => V): { [K in keyof T]: V } {
  return Object.fromEntries(Object.entries(table).map(([view, key]) => [view, read(key)])) as { [K in keyof T]: V };
}

/** A network with its profile overlaid (the network's own values win). */
export function networkView(model: TopologyModel, net: Entity): NetworkView {
  const index = model.index;
  const profile = index.first('network_profile', str(get(net.node, 'profile_ref')))?.node;
  const own = (k: string) => get(net.node, k);
  const eff = (k: string) => (own(k) !== undefined && scalar(own(k)) !== null ? own(k) : get(profile, k));
  return {
    entity: net,
    id: net.id,
    name: str(own('name')) ?? net.id,
    parsed: networkAddressing(model).networks.get(net.id)?.cidr?.value,
    ...readFields(OWN_TEXT, (k) => str(own(k))),
    ...readFields(PROFILE_TEXT, (k) => str(eff(k))),
    vlan: num(own('vlan')),
    mtu: num(eff('mtu')),
    dhcp: scalar(own('dhcp')) === true,
    dns: strs(own('dns')),
    firewallPolicyRefs: strs(own('firewall_policy_refs')),
  };
}

export function networkViews(model: TopologyModel): NetworkView[] {
  return model.index.ofKind('network').map((n) => networkView(model, n));
}

// ---------------------------------------------------------------- storage

/** The storage entity a ref names: a storage endpoint (refactored) or a legacy storage pool. */
function storageEntity(id: string | undefined, index: EntityIndex): Entity | undefined {
  return index.first('storage_endpoint', id) ?? index.first('storage_pool', id);
}

/** The datastore name Proxmox knows a storage by (`local-lvm`), from a storage endpoint or pool id. */
export function storageName(id: string | undefined, index: EntityIndex): string | undefined {
  const e = storageEntity(id, index);
  return e ? (str(get(e.node, 'name')) ?? e.id) : undefined;
}

// ---------------------------------------------------------------- data assets

export interface DataAssetPlacement {
  /** Human-readable places: `lxc-postgresql:/var/lib/postgresql on local-lvm`, `orangepi5:/mnt/nvme/nextcloud`. */
  places: string[];
  backupPolicies: string[];
}

/** Where a data asset lives and which backup policies cover it, in either shape. */
export function dataAssetPlacement(asset: Entity, index: EntityIndex): DataAssetPlacement {
  const places: string[] = [];
  const s = (e: Entity | undefined, k: string) => (e ? str(get(e.node, k)) : undefined);
  const volumesByAsset = memo(index, 'volumesByAsset', () => groupBy(index.ofKind('volume'), (v) => str(get(v.node, 'data_asset_ref'))));
  for (const v of volumesByAsset.get(asset.id) ?? []) {
    const store = storageName(storageRef(v.node), index);
    places.push(`${v.owner?.id ?? '?'}:${s(v, 'mount_path') ?? s(v, 'mount_point') ?? '?'}${store ? ` on ${store}` : ''}`);
  }
  const pool = s(asset, 'storage_ref');
  const device = s(asset, 'device_ref');
  const path = s(asset, 'path');
  if (pool) places.push(`${device ? `${device} ` : ''}storage ${storageName(pool, index) ?? pool}${path ? ` (${path})` : ''}`);
  else if (device && places.length === 0) places.push(`${device}${path ? `:${path}` : ''}`);
  const backups = new Set(strs(get(asset.node, 'backup_policy_refs')));
  for (const p of policiesTargeting(asset.id, index)) backups.add(p);
  return { places, backupPolicies: [...backups].sort() };
}

/** Ids of the backup policies whose `targets[].data_asset_ref` names the asset. */
export function policiesTargeting(assetId: string, index: EntityIndex): string[] {
  const policiesByAsset = memo(index, 'policiesByAsset', () => {
    const table = new Map<string, string[]>();
    for (const p of index.ofKind('backup_policy'))
      for (const t of items(get(p.node, 'targets'))) {
        const a = str(get(t, 'data_asset_ref'));
        if (a) table.set(a, [...(table.get(a) ?? []), p.id]);
      }
    return table;
  });
  return policiesByAsset.get(assetId) ?? [];
}
