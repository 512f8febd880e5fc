/**
 * One reading of the shapes the format has had (v4.0, mid-migration, later): hover, IP rules and
 * generators ask these functions, never the raw fields, so they hold for every shape.
 */
import { deref, get, items, scalar, str, type SNode, type SScalar } from '../workspace/nodes';
import type { EntityIndex } from './entity-index';
import type { Memo } from '../tracking/reads';
import type { Entity } from './extract';

export type RuntimeType = 'lxc' | 'vm' | 'docker' | 'podman' | 'baremetal' | 'native' | string;

export interface ServiceRuntime {
  type: RuntimeType | undefined;
  targetKind: 'lxc' | 'vm' | 'device' | undefined;
  targetId: string | undefined;
  targetNode: SScalar | undefined;
  networkBindingRef: string | undefined;
  image: string | undefined;
  /** `runtime` block (refactored) or top-level legacy fields (v4.0). */
  shape: 'runtime' | 'legacy' | 'none';
}

const KIND_BY_TYPE: Record<string, 'lxc' | 'vm' | 'device'> = { lxc: 'lxc', vm: 'vm', docker: 'device', podman: 'device', baremetal: 'device', native: 'device' };

function scalarNode(n: SNode | undefined): SScalar | undefined {
  const d = deref(n);
  return d?.kind === 'scalar' ? d : undefined;
}

export function serviceRuntime(svc: Entity): ServiceRuntime {
  const rt = get(svc.node, 'runtime');
  if (deref(rt)?.kind === 'map') {
    const type = str(get(rt, 'type'));
    const explicit = (['target_ref', 'lxc_ref', 'vm_ref', 'device_ref'] as const).find((k) => get(rt, k) !== undefined);
    const targetNode = explicit ? scalarNode(get(rt, explicit)) : undefined;
    const byField = explicit === 'lxc_ref' ? 'lxc' : explicit === 'vm_ref' ? 'vm' : explicit === 'device_ref' ? 'device' : undefined;
    return {
      type,
      targetKind: byField ?? (type ? KIND_BY_TYPE[type] : undefined),
      targetId: str(targetNode),
      targetNode,
      networkBindingRef: str(get(rt, 'network_binding_ref')) ?? str(get(svc.node, 'network_ref')),
      image: str(get(rt, 'image')) ?? str(get(svc.node, 'container_image')),
      shape: 'runtime',
    };
  }
  const legacy = (kind: 'lxc' | 'vm' | 'device', field: string, type: RuntimeType): ServiceRuntime | undefined => {
    const node = scalarNode(get(svc.node, field));
    if (!node) return undefined;
    return { type, targetKind: kind, targetId: str(node), targetNode: node, networkBindingRef: str(get(svc.node, 'network_ref')), image: str(get(svc.node, 'container_image')), shape: 'legacy' };
  };
  const containerRuntime = str(get(svc.node, 'container_runtime'));
  const deviceType = scalar(get(svc.node, 'container')) === true ? (containerRuntime === 'podman' ? 'podman' : 'docker') : 'baremetal';
  return (
    legacy('lxc', 'lxc_ref', 'lxc') ??
    legacy('vm', 'vm_ref', 'vm') ??
    legacy('device', 'device_ref', deviceType) ?? {
      type: undefined,
      targetKind: undefined,
      targetId: undefined,
      targetNode: undefined,
      networkBindingRef: str(get(svc.node, 'network_ref')),
      image: undefined,
      shape: 'none',
    }
  );
}

export interface Nic {
  node: SNode;
  networkRef: string | undefined;
  bridgeRef: string | undefined;
  /** Address without prefix length. */
  ip: string | undefined;
  ipNode: SScalar | undefined;
  prefix: number | undefined;
  gateway: string | undefined;
  gatewayNode: SScalar | undefined;
  vlanTag: number | undefined;
  /** The `vlan_tag` value as written (null when explicitly untagged), for findings about it. */
  vlanTagNode: SScalar | undefined;
  networkRefNode: SScalar | undefined;
}

const nicCache = new WeakMap<SNode, Memo<Nic[]>>();

/** The guests: every LXC container, then every VM. */
export function guests(index: EntityIndex): Entity[] {
  return [...index.ofKind('lxc'), ...index.ofKind('vm')];
}

/** NICs of an LXC (`networks[].ip` with prefix) or a VM (`networks[].ip_config.address`); read once per unchanged node. */
export function nics(guest: Entity): Nic[] {
  const tracking = guest.node.byKey.tracking;
  // A tree read outside a workspace has no tracker to keep the memo's reads: it is read each time.
  return guest.node.hasInclude || !tracking ? readNics(guest) : tracking.memoized(nicCache, guest.node, () => readNics(guest));
}

function readNics(guest: Entity): Nic[] {
  return items(get(guest.node, 'networks')).map((n) => {
    const ipNode = scalarNode(get(n, 'ip')) ?? scalarNode(get(get(n, 'ip_config'), 'address'));
    const raw = str(ipNode);
    const [ip, prefix] = raw && raw !== 'dhcp' ? raw.split('/') : [undefined, undefined];
    const vlan = scalar(get(n, 'vlan_tag'));
    const gatewayNode = scalarNode(get(n, 'gateway')) ?? scalarNode(get(get(n, 'ip_config'), 'gateway'));
    return {
      node: n,
      networkRef: str(get(n, 'network_ref')),
      bridgeRef: str(get(n, 'bridge_ref')),
      ip,
      ipNode,
      prefix: prefix !== undefined ? Number(prefix) : undefined,
      gateway: str(gatewayNode),
      gatewayNode,
      vlanTag: typeof vlan === 'number' ? vlan : undefined,
      vlanTagNode: scalarNode(get(n, 'vlan_tag')),
      networkRefNode: scalarNode(get(n, 'network_ref')),
    };
  });
}

export interface Resources {
  cores: number | undefined;
  memoryMb: number | undefined;
  swapMb: number | undefined;
  profileId: string | undefined;
}

/** Inline `resources` (v4.0), or a resource profile with `resources_override` applied. */
export function guestResources(guest: Entity, index: EntityIndex): Resources {
  const num = (n: SNode | undefined) => {
    const v = scalar(n);
    return typeof v === 'number' ? v : undefined;
  };
  const profileId = str(get(guest.node, 'resource_profile_ref'));
  const profile = index.first('resource_profile', profileId);
  const inline = get(guest.node, 'resources');
  const over = get(guest.node, 'resources_override');
  const base: Resources = profile
    ? { cores: num(get(get(profile.node, 'cpu'), 'cores')), memoryMb: num(get(get(profile.node, 'memory'), 'mb')), swapMb: num(get(get(profile.node, 'memory'), 'swap_mb')), profileId }
    : { cores: num(get(inline, 'cores')), memoryMb: num(get(inline, 'memory_mb')), swapMb: num(get(inline, 'swap_mb')), profileId };
  return {
    cores: num(get(over, 'cores')) ?? num(get(get(over, 'cpu'), 'cores')) ?? base.cores,
    memoryMb: num(get(over, 'memory_mb')) ?? num(get(get(over, 'memory'), 'mb')) ?? base.memoryMb,
    swapMb: num(get(over, 'swap_mb')) ?? num(get(get(over, 'memory'), 'swap_mb')) ?? base.swapMb,
    profileId: base.profileId,
  };
}

/** The storage a rootfs, template or backup points at: `storage_endpoint_ref` or the legacy `storage_ref`. */
export function storageRef(node: SNode | undefined): string | undefined {
  return str(get(node, 'storage_endpoint_ref')) ?? str(get(node, 'storage_ref'));
}

/** The container's platform: `platform_type`, or derived from the legacy `type` (unprivileged). */
export function platformType(lxc: Entity): string | undefined {
  return str(get(lxc.node, 'platform_type')) ?? (get(lxc.node, 'type') !== undefined ? 'lxc-unprivileged' : undefined);
}

/** A data asset's category: `category`, or mapped from the flat v4.0 `type`. */
export function dataAssetCategory(asset: Entity): string | undefined {
  const category = str(get(asset.node, 'category'));
  if (category) return category;
  const type = str(get(asset.node, 'type'));
  const map: Record<string, string> = {
    database: 'database',
    cache: 'cache',
    'config-export': 'configuration',
    'backup-artifact': 'file-share',
    volume: 'file-share',
    file: 'file-share',
    media: 'media-library',
  };
  return type ? (map[type] ?? type) : undefined;
}

export interface DataAssetGovernance {
  category: string | undefined;
  criticality: string | undefined;
  engine: string | undefined;
  /** The `backup_policy_refs` value nodes (empty when absent or `[]`). */
  backupPolicyRefs: SScalar[];
  /**
   * True when the asset uses the later taxonomy (`category` or `criticality`). v4.0 assets have
   * only the flat `type` and none of these fields; the deprecation rule points them at the migration.
   */
  taxonomy: boolean;
}

/** Category, criticality, engine and backup policies of a data asset, in any shape. */
export function dataAssetGovernance(asset: Entity): DataAssetGovernance {
  const taxonomy = get(asset.node, 'category') !== undefined || get(asset.node, 'criticality') !== undefined;
  return {
    category: dataAssetCategory(asset),
    criticality: str(get(asset.node, 'criticality')),
    engine: str(get(asset.node, 'engine')),
    backupPolicyRefs: items(get(asset.node, 'backup_policy_refs'))
      .map(scalarNode)
      .filter((n): n is SScalar => n !== undefined && n.value !== null && n.value !== ''),
    taxonomy,
  };
}

/** A partition's or logical volume's size, whichever of `size`, `size_gb` or `size_mb` states it. */
export interface StorageSize {
  /** Size in GB; undefined when `remaining`, unstated or not a size (a `{{ placeholder }}`). */
  gb: number | undefined;
  /** `size: remaining`: whatever the other partitions (or volumes) leave. */
  remaining: boolean;
  /** The written value, for findings. */
  node: SScalar | undefined;
}

const UNIT_IN_GB: Record<string, number> = { k: 1 / 1024 / 1024, m: 1 / 1024, g: 1, t: 1024, p: 1024 * 1024 };

/**
 * Reads `size` (GB as a number, `512M`, `1G`, `2T`, `remaining`), then `size_gb`, then `size_mb`.
 * Units are read as powers of 1024 of one another and compared with `size_gb` as written, so a
 * 500 GB disk holds exactly 500 GB of partitions.
 */
export function storageSize(node: SNode | undefined): StorageSize {
  const size = scalarNode(get(node, 'size'));
  if (size) {
    const v = size.value;
    if (typeof v === 'number') return { gb: v, remaining: false, node: size };
    if (typeof v === 'string') {
      if (v.trim() === 'remaining') return { gb: undefined, remaining: true, node: size };
      const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgtp])(?:i?b)?)?\s*$/i.exec(v);
      if (m) return { gb: Number(m[1]) * UNIT_IN_GB[(m[2] ?? 'g').toLowerCase()]!, remaining: false, node: size };
    }
    return { gb: undefined, remaining: false, node: size };
  }
  const gb = scalarNode(get(node, 'size_gb'));
  if (typeof gb?.value === 'number') return { gb: gb.value, remaining: false, node: gb };
  const mb = scalarNode(get(node, 'size_mb'));
  if (typeof mb?.value === 'number') return { gb: mb.value / 1024, remaining: false, node: mb };
  return { gb: undefined, remaining: false, node: undefined };
}

/** The storage endpoint id a v4.0 pool id became (`storage-X` → `se-X`, docs/format.md#storage-chain). */
export function endpointIdFor(storageId: string): string {
  return storageId.startsWith('storage-') ? `se-${storageId.slice('storage-'.length)}` : storageId;
}
