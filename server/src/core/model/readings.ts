import { serviceAddress as resolveServiceAddress } from './addresses';
import type { TopologyModel } from './model';
/**
 * Derived readings the generators and hovers need beyond canonical.ts: a network's effective values,
 * who holds which address, a service's resolved IP, storage names and the storage chain.
 *
 * Interim home: core/model/addresses.ts (IP holders, service IP, next free IP) and
 * core/model/storage-chain.ts are being written on other branches. When they land, the functions
 * marked "delegates later" become thin wrappers over them; callers keep calling these.
 */
import { get, items, scalar, str, toJS, type SNode } from '../workspace/nodes';
import { nics, serviceRuntime, storageRef } from './canonical';
import type { EntityIndex } from './entity-index';
import type { Entity } from './extract';

// ---------------------------------------------------------------- per-model lookup tables

const memos = new WeakMap<EntityIndex, Map<string, unknown>>();

/** A derived table computed once per model (the index never changes after it is built). */
function memo<T>(index: EntityIndex, key: string, make: () => T): T {
  let m = memos.get(index);
  if (!m) memos.set(index, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

function groupBy<K>(list: Entity[], key: (e: Entity) => K | undefined): Map<K, Entity[]> {
  const out = new Map<K, Entity[]>();
  for (const e of list) {
    const k = key(e);
    if (k === undefined) continue;
    const l = out.get(k);
    if (l) l.push(e);
    else out.set(k, [e]);
  }
  return out;
}

/** Volumes (`storage.volumes[]`) of each LXC or VM. */
export function volumesOf(guest: Entity, index: EntityIndex): Entity[] {
  return memo(index, 'volumesByOwner', () => groupBy(index.ofKind('volume'), (v) => v.owner)).get(guest) ?? [];
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

// ---------------------------------------------------------------- IPv4 arithmetic

export function ipToInt(ip: string | undefined): number | undefined {
  if (!ip) return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

export function parseCidr(cidr: string | undefined): Cidr | undefined {
  const m = cidr ? /^([\d.]+)\/(\d{1,2})$/.exec(cidr.trim()) : null;
  if (!m) return undefined;
  const ip = ipToInt(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix, size };
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

/** `a-b` (DHCP ranges, reserved ranges) as inclusive integer bounds. */
export function parseRange(range: string | undefined): [number, number] | undefined {
  const [a, b] = (range ?? '').split('-').map((s) => ipToInt(s.trim()));
  return a !== undefined && b !== undefined && a <= b ? [a, b] : undefined;
}

// ---------------------------------------------------------------- networks

export interface NetworkView {
  entity: Entity;
  id: string;
  name: string;
  cidr: string | undefined;
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

/** A network with its profile overlaid (the network's own values win). */
export function networkView(net: Entity, index: EntityIndex): NetworkView {
  const profile = index.first('network_profile', str(get(net.node, 'profile_ref')))?.node;
  const own = (k: string) => get(net.node, k);
  const eff = (k: string) => (own(k) !== undefined && scalar(own(k)) !== null ? own(k) : get(profile, k));
  const cidr = str(own('cidr'));
  return {
    entity: net,
    id: net.id,
    name: str(own('name')) ?? net.id,
    cidr,
    parsed: parseCidr(cidr),
    gateway: str(own('gateway')),
    vlan: num(own('vlan')),
    dhcp: scalar(own('dhcp')) === true,
    dhcpRange: str(own('dhcp_range')),
    dns: strs(own('dns')),
    trustZone: str(own('trust_zone_ref')),
    bridgeRef: str(own('bridge_ref')),
    managedBy: str(own('managed_by_ref')),
    interfaceRef: str(own('interface_ref')),
    mtu: num(eff('mtu')),
    segmentation: str(eff('segmentation_type')),
    plane: str(eff('network_plane')),
    firewallPolicyRefs: strs(own('firewall_policy_refs')),
    description: str(own('description')),
    vpnType: str(own('vpn_type')),
  };
}

export function networkViews(index: EntityIndex): NetworkView[] {
  return index.ofKind('network').map((n) => networkView(n, index));
}

// ---------------------------------------------------------------- address holders per network (for the IP allocation tables)

export interface AddressHolder {
  ip: string;
  value: number;
  kind: 'gateway' | 'device' | 'host_os' | 'lxc' | 'vm' | 'bridge';
  holderId: string;
  description: string | undefined;
}

/** Every address written for a network: gateway, allocations, guest NICs, bridge addresses. */
export function addressHolders(net: NetworkView, index: EntityIndex): AddressHolder[] {
  return memo(index, `holders:${net.id}`, () => computeHolders(net, index));
}

function computeHolders(net: NetworkView, index: EntityIndex): AddressHolder[] {
  const out: AddressHolder[] = [];
  const seen = new Set<string>();
  const add = (ip: string | undefined, kind: AddressHolder['kind'], holderId: string, description: string | undefined) => {
    const bare = ip?.split('/')[0];
    const value = ipToInt(bare);
    if (value === undefined || !bare || seen.has(`${value} ${holderId}`)) return;
    seen.add(`${value} ${holderId}`);
    out.push({ ip: bare, value, kind, holderId, description });
  };
  if (net.gateway) add(net.gateway, 'gateway', net.managedBy ?? net.id, 'gateway');
  for (const a of items(get(net.entity.node, 'ip_allocations'))) {
    const dev = str(get(a, 'device_ref'));
    const hos = str(get(a, 'host_os_ref'));
    add(str(get(a, 'ip')), hos ? 'host_os' : 'device', hos ?? dev ?? '?', str(get(a, 'description')));
  }
  const guestNics = memo(index, 'guestNicsByNetwork', () => {
    const table = new Map<string, { ip: string; kind: 'lxc' | 'vm'; id: string; name: string | undefined }[]>();
    for (const kind of ['lxc', 'vm'] as const) {
      for (const g of index.ofKind(kind)) {
        for (const nic of nics(g)) if (nic.networkRef && nic.ip) table.set(nic.networkRef, [...(table.get(nic.networkRef) ?? []), { ip: nic.ip, kind, id: g.id, name: str(get(g.node, 'name')) }]);
      }
    }
    return table;
  });
  for (const h of guestNics.get(net.id) ?? []) add(h.ip, h.kind, h.id, h.name);
  const bridges = memo(index, 'bridgesByNetwork', () => groupBy(index.ofKind('bridge'), (b) => str(get(b.node, 'network_ref'))));
  for (const b of bridges.get(net.id) ?? []) add(str(get(b.node, 'address')), 'bridge', b.id, str(get(b.node, 'name')));
  return out.sort((a, b) => a.value - b.value || (a.holderId < b.holderId ? -1 : 1));
}

export interface AddressUsage {
  size: number;
  usable: number;
  used: number;
  dhcp: number;
  reserved: number;
  free: number;
}

/** Usable addresses minus holders, DHCP pool and reserved ranges (network and broadcast excluded). */
export function addressUsage(net: NetworkView, holders: AddressHolder[]): AddressUsage | undefined {
  const c = net.parsed;
  if (!c) return undefined;
  const usable = c.prefix >= 31 ? c.size : c.size - 2;
  const inside = (v: number) => cidrContains(c, v);
  const used = new Set(holders.filter((h) => inside(h.value)).map((h) => h.value));
  const pool = net.dhcp ? parseRange(net.dhcpRange) : undefined;
  const dhcp = pool ? pool[1] - pool[0] + 1 : 0;
  let reserved = 0;
  for (const r of items(get(net.entity.node, 'reserved_ranges'))) {
    const range = parseRange(str(r) ?? `${str(get(r, 'start')) ?? ''}-${str(get(r, 'end')) ?? ''}`);
    if (range) reserved += range[1] - range[0] + 1;
  }
  const usedOutsidePool = [...used].filter((v) => !pool || v < pool[0] || v > pool[1]).length;
  return { size: c.size, usable, used: used.size, dhcp, reserved, free: Math.max(0, usable - usedOutsidePool - dhcp - reserved) };
}

// ---------------------------------------------------------------- a service's address

export interface ServiceAddress {
  ip: string | undefined;
  networkId: string | undefined;
  /** How it was found: the guest NIC, the device's allocation, the router's gateway, or the legacy `ip`. */
  source: 'guest-nic' | 'allocation' | 'gateway' | 'declared' | 'none';
}

/** A service's address as the address model resolves it (model/addresses.ts); the legacy `ip` only as a fallback. */
export function serviceAddress(model: TopologyModel, svc: Entity): ServiceAddress {
  const found = resolveServiceAddress(model, svc);
  if (found) {
    const k = found.holder.kind;
    const source = k === 'lxc-nic' || k === 'vm-nic' ? 'guest-nic' : k === 'gateway' ? 'gateway' : 'allocation';
    return { ip: found.holder.address, networkId: found.holder.networkId, source };
  }
  const declared = str(get(svc.node, 'ip'));
  const networkId = serviceRuntime(svc).networkBindingRef;
  return declared ? { ip: declared.split('/')[0], networkId, source: 'declared' } : { ip: undefined, networkId, source: 'none' };
}

// ---------------------------------------------------------------- storage (delegates later)

/** The storage entity a ref names: a storage endpoint (refactored) or a legacy storage pool. */
export function storageEntity(id: string | undefined, index: EntityIndex): Entity | undefined {
  return index.first('storage_endpoint', id) ?? index.first('storage_pool', id);
}

/** The datastore name Proxmox knows a storage by (`local-lvm`), from a storage endpoint or pool id. */
export function storageName(id: string | undefined, index: EntityIndex): string | undefined {
  const e = storageEntity(id, index);
  return e ? (str(get(e.node, 'name')) ?? e.id) : undefined;
}

export interface StorageNode {
  id: string;
  kind: string;
  label: string;
}

export interface StorageGraph {
  nodes: StorageNode[];
  edges: [string, string][];
}

/**
 * The storage chain of one device, media to data: attachment -> partition -> VG -> LV -> filesystem
 * -> mount -> endpoint (refactored), or attachment -> pool (v4.0), then guest volumes and data assets.
 */
export function storageGraph(deviceId: string, index: EntityIndex): StorageGraph {
  const t = storageTables(index);
  const nodes = new Map<string, StorageNode>();
  const edges: [string, string][] = [];
  const edgeSet = new Set<string>();
  const s = (e: Entity, k: string) => str(get(e.node, k));
  const node = (e: Entity, label: string) => {
    if (!nodes.has(e.id)) nodes.set(e.id, { id: e.id, kind: e.kind, label });
    return e.id;
  };
  const edge = (a: string, b: string) => {
    if (edgeSet.has(`${a} ${b}`)) return;
    edgeSet.add(`${a} ${b}`);
    edges.push([a, b]);
  };
  const endpointLabel = (e: Entity) => `${e.kind === 'storage_pool' ? 'pool' : 'storage'} ${s(e, 'name') ?? e.id} (${s(e, 'type') ?? '?'})`;
  const mediaOf = new Map<string, string>();
  const attachments = (t.attachments.get(deviceId) ?? []).filter((a) => s(a, 'state') !== 'planned');
  for (const a of attachments) {
    const media = index.first('media', s(a, 'media_ref'));
    node(a, `${s(a, 'slot_ref') ?? a.id}: ${media ? (s(media, 'model') ?? s(media, 'name') ?? media.id) : (s(a, 'media_ref') ?? '?')}`);
    if (media) mediaOf.set(media.id, a.id);
  }
  // Down the chain breadth-first: each level hangs below what the previous level created.
  const below = (id: string): [Entity, string][] => [
    ...(t.partitions.get(id) ?? []).map((p): [Entity, string] => [p, `partition ${s(p, 'number') ?? ''} ${s(p, 'type') ?? ''}`.trim()]),
    ...(t.vgs.get(id) ?? []).map((vg): [Entity, string] => [vg, `VG ${s(vg, 'name') ?? vg.id}`]),
    ...(t.lvs.get(id) ?? []).map((lv): [Entity, string] => [lv, `LV ${s(lv, 'name') ?? lv.id} (${s(lv, 'type') ?? 'lv'})`]),
    ...(t.filesystems.get(id) ?? []).map((fs): [Entity, string] => [fs, `${s(fs, 'type') ?? 'fs'} filesystem`]),
    ...(t.mounts.get(id) ?? []).map((m): [Entity, string] => [m, `mount ${s(m, 'path') ?? m.id}`]),
    ...(t.endpoints.get(id) ?? []).map((se): [Entity, string] => [se, endpointLabel(se)]),
  ];
  const queue = attachments.map((a) => a.id);
  while (queue.length) {
    const id = queue.shift()!;
    for (const [child, label] of below(id)) {
      const known = nodes.has(child.id);
      edge(id, node(child, label));
      if (!known) queue.push(child.id);
    }
  }
  for (const pool of t.pools.get(deviceId) ?? []) {
    const id = node(pool, endpointLabel(pool));
    const from = mediaOf.get(s(pool, 'disk_ref') ?? '');
    if (from) edge(from, id);
  }
  for (const g of t.guests.get(deviceId) ?? []) {
    const rootfs = storageRef(get(get(g.node, 'storage'), 'rootfs'));
    if (rootfs && nodes.has(rootfs)) edge(rootfs, node(g, `${g.id} rootfs`));
    for (const v of volumesOf(g, index)) {
      const se = storageRef(v.node);
      if (se && nodes.has(se)) edge(se, node(v, `${g.id} ${s(v, 'mount_path') ?? s(v, 'mount_point') ?? v.id}`));
      const asset = index.first('data_asset', s(v, 'data_asset_ref'));
      if (asset) edge(v.id, node(asset, `data ${s(asset, 'name') ?? asset.id}`));
    }
  }
  for (const id of [...nodes.keys()]) for (const asset of t.assetsByPool.get(id) ?? []) edge(id, node(asset, `data ${s(asset, 'name') ?? asset.id}`));
  // Data the device holds with no chain under it (v4.0, or a host that is not Proxmox): on the device itself.
  for (const asset of t.assetsByDevice.get(deviceId) ?? []) {
    if (!nodes.has(asset.id) && !['storage_ref', 'storage_endpoint_ref', 'mount_point_ref'].some((k) => s(asset, k))) node(asset, `data ${s(asset, 'name') ?? asset.id}`);
  }
  return { nodes: [...nodes.values()], edges };
}

/** The storage chain's links as lookup tables, built once per model. */
function storageTables(index: EntityIndex) {
  return memo(index, 'storageTables', () => {
    const s = (e: Entity, k: string) => str(get(e.node, k));
    const by = (kind: string, ...fields: string[]) => groupBy(index.ofKind(kind), (e) => fields.map((f) => s(e, f)).find((v) => v !== undefined));
    const vgs = new Map<string, Entity[]>();
    for (const vg of index.ofKind('volume_group')) for (const pv of strs(get(vg.node, 'pv_refs'))) vgs.set(pv, [...(vgs.get(pv) ?? []), vg]);
    return {
      attachments: by('media_attachment', 'device_ref'),
      partitions: by('partition', 'media_attachment_ref'),
      vgs,
      lvs: by('logical_volume', 'vg_ref'),
      filesystems: by('filesystem', 'lv_ref', 'partition_ref'),
      mounts: by('mount_point', 'filesystem_ref'),
      endpoints: groupBy(index.ofKind('storage_endpoint'), (se) => s(se, 'lv_ref') ?? s(se, 'mount_point_ref') ?? str(get(get(se.node, 'infer_from'), 'media_attachment_ref'))),
      pools: by('storage_pool', 'device_ref'),
      guests: groupBy([...index.ofKind('lxc'), ...index.ofKind('vm')], (g) => s(g, 'device_ref')),
      assetsByPool: by('data_asset', 'storage_ref', 'storage_endpoint_ref', 'mount_point_ref'),
      assetsByDevice: by('data_asset', 'device_ref'),
    };
  });
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
    for (const p of index.ofKind('backup_policy')) for (const t of items(get(p.node, 'targets'))) {
      const a = str(get(t, 'data_asset_ref'));
      if (a) table.set(a, [...(table.get(a) ?? []), p.id]);
    }
    return table;
  });
  return policiesByAsset.get(assetId) ?? [];
}

/** Plain value of an entity field (configs, vars) for emitters. */
export function plain(node: SNode | undefined): unknown {
  return toJS(node);
}
