/**
 * The storage under an entity, down to the metal: data asset → volume / storage endpoint →
 * logical volume → volume group → partition → media attachment → media → device (the explicit
 * chain), or storage pool → disk → device (v4.0). The storage-chain rules will own this reading;
 * until then it lives here, in one place.
 */
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { follow, type Followed } from './entity-refs';

export interface ChainStep {
  /** The entity this step reached, or undefined when the step is broken. */
  entity: Entity | undefined;
  /** The field followed to get here (`lv_ref`), empty for reverse steps. */
  field: string;
  /** Why the chain breaks here, naming the field and value. */
  broken: string | undefined;
  below: ChainStep[];
}

type Link = { field: string; under?: string };

/** Which ref fields lead one step down, per kind; the kinds they name come from the schema. */
const DOWN: Record<string, Link[][]> = {
  data_asset: [[{ field: 'storage_ref' }]],
  volume: [[{ field: 'storage_endpoint_ref' }, { field: 'storage_ref' }]],
  lxc: [[{ field: 'storage_endpoint_ref', under: 'rootfs' }, { field: 'storage_ref', under: 'rootfs' }]],
  vm: [[{ field: 'storage_endpoint_ref', under: 'rootfs' }, { field: 'storage_ref', under: 'rootfs' }]],
  storage_endpoint: [[{ field: 'lv_ref' }, { field: 'mount_point_ref' }, { field: 'media_attachment_ref', under: 'infer_from' }]],
  mount_point: [[{ field: 'filesystem_ref' }]],
  filesystem: [[{ field: 'lv_ref' }, { field: 'partition_ref' }]],
  logical_volume: [[{ field: 'vg_ref' }]],
  volume_group: [[{ field: 'pv_refs' }]],
  partition: [[{ field: 'media_attachment_ref' }]],
  media_attachment: [[{ field: 'media_ref' }], [{ field: 'device_ref' }]],
  storage_pool: [[{ field: 'disk_ref' }], [{ field: 'device_ref' }]],
};

/** Kinds whose hover shows a storage chain. */
export function hasStorageChain(kind: string): boolean {
  return kind in DOWN && kind !== 'media_attachment';
}

const MAX_DEPTH = 16;

/** The steps below an entity; siblings such as a VG's partitions are listed side by side. */
export function storageChain(model: TopologyModel, entity: Entity): ChainStep[] {
  return below(model, entity, new Set([entity]), 0);
}

function below(model: TopologyModel, entity: Entity, seen: Set<Entity>, depth: number): ChainStep[] {
  if (depth > MAX_DEPTH) return [];
  const out: ChainStep[] = [];
  if (entity.kind === 'data_asset') {
    // Explicit chain: volumes point at the asset, not the other way round.
    for (const r of model.referencesTo(entity)) {
      if (r.from?.kind === 'volume' && !seen.has(r.from)) out.push(step(model, r.from, '', seen, depth));
    }
  }
  const groups = DOWN[entity.kind] ?? [];
  let previous: ChainStep[] = out;
  for (const [i, links] of groups.entries()) {
    const found = firstPresent(model, entity, links);
    if (!found) {
      if (i === 0 && out.length === 0) out.push(missing(entity, links));
      continue;
    }
    const steps = found.map((f) => (f.status === 'ok' ? (seen.has(f.target) ? undefined : step(model, f.target, f.ref.field, seen, depth)) : f.status === 'broken' ? { entity: undefined, field: f.ref.field, broken: f.reason, below: [] } : undefined)).filter((s): s is ChainStep => !!s);
    // A second group (the device under a disk) hangs below the first group's last step.
    const anchor = i > 0 ? lastLeaf(previous) : undefined;
    if (anchor) anchor.below.push(...steps);
    else out.push(...steps);
    previous = steps;
  }
  return out;
}

function step(model: TopologyModel, entity: Entity, field: string, seen: Set<Entity>, depth: number): ChainStep {
  const next = new Set(seen).add(entity);
  return { entity, field, broken: undefined, below: below(model, entity, next, depth + 1) };
}

function lastLeaf(steps: ChainStep[]): ChainStep | undefined {
  let s = steps[steps.length - 1];
  while (s && s.below.length > 0 && s.entity?.kind !== 'device') s = s.below[s.below.length - 1];
  return s;
}

/** The results of the first link whose field is written; undefined when none is. */
function firstPresent(model: TopologyModel, entity: Entity, links: Link[]): Followed[] | undefined {
  for (const l of links) {
    const f = follow(model, entity, l.field, l.under).filter((x) => x.status !== 'absent');
    if (f.length > 0) return f;
  }
  return undefined;
}

function missing(entity: Entity, links: Link[]): ChainStep {
  const names = links.map((l) => `\`${l.under ? `${l.under}.` : ''}${l.field}\``);
  const what = entity.kind === 'data_asset' ? 'no volume holds it and it has no `storage_ref`' : `it has no ${names.join(' or ')}`;
  return { entity: undefined, field: '', broken: `the chain stops at ${entity.kind.replace(/_/g, ' ')} '${entity.id}': ${what}`, below: [] };
}
