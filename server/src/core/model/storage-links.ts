/**
 * The links of the storage chain: what each entity rests on, read from the model's resolved refs so
 * they hold for the v4.0 pools, the explicit chain and the shorthands in between. storage-chain.ts
 * walks these links; storage-breaks.ts checks their structure.
 */
import type { Span } from '../types';
import { get, str } from '../workspace/nodes';
import { spanOf, type Entity, type Ref } from './extract';
import { groupBy } from './group-by';
import type { TopologyModel } from './model';
import { memoized, noteRefField, type Memo } from '../incremental/reads';

/** Kinds of the chain, top to bottom (a v4.0 pool stands where an endpoint and its chain stand later). */
export const CHAIN_KINDS = [
  'data_asset',
  'volume',
  'storage_endpoint',
  'storage_pool',
  'mount_point',
  'filesystem',
  'logical_volume',
  'volume_group',
  'partition',
  'media_attachment',
  'media',
  'device',
] as const;

const CHAIN_KIND_SET: ReadonlySet<string> = new Set(CHAIN_KINDS);

export function isChainKind(kind: string): boolean {
  return CHAIN_KIND_SET.has(kind);
}

/** Storage types served over the network: no local chain below them. */
export const NETWORK_STORAGE_TYPES: ReadonlySet<string> = new Set(['nfs', 'cifs', 'cephfs', 'rbd']);

export interface Link {
  /** The entity the link leaves from. */
  from: Entity;
  /** The field holding the value (`lv_ref`, `pv_refs`, `infer_from.media_attachment_ref`, …). */
  field: string;
  value: string;
  /** Where the value is written (for a placement by volume: the volume's `data_asset_ref`). */
  span: Span;
  /** The entity named; for a `wrong-kind` value, the chain entity it names all the same. */
  target: Entity | undefined;
  /** `unknown`: names nothing usable (ref-unknown / ref-wrong-kind report it); the walk stops. */
  status: 'ok' | 'wrong-kind' | 'unknown';
  /** A data asset placed by the volume whose `data_asset_ref` names it. */
  viaVolume?: boolean;
  /** A v4.0 pool's disk found attached to the pool's device. */
  derived?: boolean;
}

const refsByEntity = new WeakMap<TopologyModel, Memo<Map<Entity, Ref[]>>>();

/** Refs whose innermost entity is `e`, indexed once per model. */
function refsOf(model: TopologyModel, e: Entity): Ref[] {
  // Read by field below (fieldRefs): a ref edit elsewhere does not touch the storage chain.
  const byEntity = memoized(refsByEntity, model, () => groupBy(model.index.extraction.refs, (r) => r.from));
  return byEntity.get(e) ?? [];
}

/** `field` is a direct field of the entity, or a dotted path below it (`infer_from.media_attachment_ref`). */
function fieldRefs(model: TopologyModel, e: Entity, field: string): Ref[] {
  const parts = field.split('.');
  const last = parts[parts.length - 1]!;
  for (const p of parts) noteRefField(p);
  const depth = e.path.length + parts.length;
  return refsOf(model, e).filter((r) => {
    if (r.field !== last) return false;
    const named = r.path.slice(e.path.length).filter((p): p is string => typeof p === 'string');
    return named.join('.') === field && (r.path.length === depth || (r.path.length === depth + 1 && typeof r.path[depth] === 'number'));
  });
}

export function linkOf(model: TopologyModel, ref: Ref, from: Entity, field: string): Link {
  const res = model.resolve(ref);
  const base = { from, field, value: ref.value, span: spanOf(ref.node) };
  if (res.status === 'ok' || res.status === 'wrong-target') return { ...base, target: res.target, status: 'ok' };
  if (res.status === 'wrong-kind') {
    const chainTarget = res.found.find((f) => isChainKind(f.kind));
    if (chainTarget) return { ...base, target: chainTarget, status: 'wrong-kind' };
  }
  return { ...base, target: undefined, status: 'unknown' };
}

/** The links written in these fields of `e`, in field order. */
export function fieldLinks(model: TopologyModel, e: Entity, ...fields: string[]): Link[] {
  return fields.flatMap((f) => fieldRefs(model, e, f).map((r) => linkOf(model, r, e, f)));
}

/** Media attachments that put `mediaId` into `deviceId` (any device when undefined). */
export function attachmentsOf(model: TopologyModel, mediaId: string, deviceId?: string): Entity[] {
  return model.index.ofKind('media_attachment').filter((a) => str(get(a.node, 'media_ref')) === mediaId && (deviceId === undefined || str(get(a.node, 'device_ref')) === deviceId));
}

/** Volumes (LXC/VM `storage.volumes[]`) whose `data_asset_ref` names this data asset. */
export function volumesHolding(model: TopologyModel, asset: Entity): Link[] {
  return model
    .referencesTo(asset, 'data_asset_ref')
    .filter((r) => r.from?.kind === 'volume')
    .map((r) => ({ from: asset, field: 'data_asset_ref', value: r.from!.id, span: spanOf(r.node), target: r.from!, status: 'ok' as const, viaVolume: true }));
}

/**
 * What `e` rests on, most specific first. A data asset takes the first placement the data gives:
 * its own `storage_endpoint_ref`/`mount_point_ref` and the volumes naming it, else the v4.0
 * `storage_ref`, else the v4.0 `device_ref`. A v4.0 pool rests on the attachment of its disk to
 * its device when there is one, else on the disk and the device as written.
 */
export function downLinks(model: TopologyModel, e: Entity): Link[] {
  switch (e.kind) {
    case 'data_asset': {
      const placed = [...fieldLinks(model, e, 'storage_endpoint_ref', 'mount_point_ref'), ...volumesHolding(model, e)];
      if (placed.length) return placed;
      const legacy = fieldLinks(model, e, 'storage_ref');
      return legacy.length ? legacy : fieldLinks(model, e, 'device_ref');
    }
    case 'volume':
    case 'lxc_template':
    case 'vm_template':
      return fieldLinks(model, e, 'storage_endpoint_ref', 'storage_ref');
    case 'lxc':
    case 'vm':
      return fieldLinks(model, e, 'storage.rootfs.storage_endpoint_ref', 'storage.rootfs.storage_ref');
    case 'host_os':
      return fieldLinks(model, e, 'installation.root_storage_endpoint_ref');
    case 'storage_endpoint':
      return fieldLinks(model, e, 'lv_ref', 'mount_point_ref', 'infer_from.media_attachment_ref');
    case 'storage_pool':
      return poolLinks(model, e);
    case 'mount_point':
      return fieldLinks(model, e, 'filesystem_ref');
    case 'filesystem':
      return fieldLinks(model, e, 'lv_ref', 'partition_ref');
    case 'logical_volume':
      return fieldLinks(model, e, 'vg_ref');
    case 'volume_group':
      return fieldLinks(model, e, 'pv_refs');
    case 'partition':
      return fieldLinks(model, e, 'media_attachment_ref');
    case 'media_attachment':
      return fieldLinks(model, e, 'media_ref', 'device_ref');
    default:
      return [];
  }
}

function poolLinks(model: TopologyModel, pool: Entity): Link[] {
  const [disk] = fieldLinks(model, pool, 'disk_ref');
  const device = fieldLinks(model, pool, 'device_ref');
  if (disk?.status === 'ok' && device[0]?.status === 'ok') {
    const attachment = attachmentsOf(model, disk.value, device[0].value)[0];
    if (attachment) return [{ ...disk, target: attachment, derived: true }];
  }
  return [...(disk ? [disk] : []), ...device];
}

/** Devices the chain under `e` reaches (through resolved links only). */
export function devicesBelow(model: TopologyModel, e: Entity, seen = new Set<Entity>()): Set<Entity> {
  const out = new Set<Entity>();
  if (seen.has(e)) return out;
  seen.add(e);
  if (e.kind === 'device') return out.add(e);
  for (const l of downLinks(model, e)) {
    if (l.status !== 'ok' || !l.target) continue;
    for (const d of devicesBelow(model, l.target, seen)) out.add(d);
  }
  return out;
}

/** Kinds that rest on storage, in the order what rests on one entity is listed (the chain bottom-up, then guests and data). */
const RESTING_KINDS = [
  'partition',
  'volume_group',
  'logical_volume',
  'filesystem',
  'mount_point',
  'storage_endpoint',
  'storage_pool',
  'media_attachment',
  'lxc',
  'vm',
  'volume',
  'data_asset',
  'lxc_template',
  'vm_template',
  'host_os',
] as const;

const restingCache = new WeakMap<TopologyModel, Memo<Map<Entity, Entity[]>>>();

/** What rests on `e` (the reverse of downLinks through resolved links), each kind in model order. */
export function restingOn(model: TopologyModel, e: Entity): readonly Entity[] {
  const table = memoized(restingCache, model, () => {
    const m = new Map<Entity, Entity[]>();
    for (const kind of RESTING_KINDS) {
      for (const above of model.index.ofKind(kind)) {
        for (const l of downLinks(model, above)) {
          if (l.status !== 'ok' || !l.target) continue;
          const list = m.get(l.target);
          if (!list) m.set(l.target, [above]);
          else if (!list.includes(above)) list.push(above);
        }
      }
    }
    return m;
  });
  return table.get(e) ?? [];
}

const volumeCache = new WeakMap<TopologyModel, Memo<Map<Entity, Entity[]>>>();

/** Volumes (`storage.volumes[]`) of an LXC or VM. */
export function volumesOf(model: TopologyModel, guest: Entity): readonly Entity[] {
  const table = memoized(volumeCache, model, () => groupBy(model.index.ofKind('volume'), (v) => v.owner));
  return table.get(guest) ?? [];
}
