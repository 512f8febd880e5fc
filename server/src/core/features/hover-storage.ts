/**
 * What hover says about storage: the chain under an entity, as the storage-chain walk
 * (model/storage-chain.ts) reads it, turned into nested steps with every broken step named.
 */
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { storageChain as walk, type ChainNode, type Link, type StorageChain } from '../model/storage-chain';
import { targetKinds } from '../model/resolve';
import { kindLabel } from './entity-facts';

export interface ChainStep {
  /** The entity this step reached, or undefined when the step is broken. */
  entity: Entity | undefined;
  /** The field followed to get here (`lv_ref`), empty for the start and reverse steps. */
  field: string;
  /** Why the chain breaks here, naming the field and value. */
  broken: string | undefined;
  below: ChainStep[];
}

/** Kinds whose hover shows a storage chain: the entities a chain starts from. */
const STARTS = new Set(['data_asset', 'volume', 'storage_endpoint', 'storage_pool', 'lxc', 'vm', 'lxc_template', 'vm_template', 'host_os', 'logical_volume', 'mount_point', 'filesystem']);

export function hasStorageChain(kind: string): boolean {
  return STARTS.has(kind);
}

/** The steps below an entity; a fork (a VG on several partitions) lists its branches side by side. */
export function storageChain(model: TopologyModel, entity: Entity): ChainStep[] {
  const chain = walk(model, entity);
  return below(model, chain, chain.root);
}

/** `lv_ref` names 'lv-x', but no logical volume has that id: the kind comes from the ref's declaration. */
function unresolvedMessage(model: TopologyModel, l: Link): string {
  const ref = model.refs.find((r) => r.node.file === l.span.file && r.node.start === l.span.start);
  const kinds = ref ? targetKinds(ref).map(kindLabel).join(' or ') : 'storage entity';
  return `\`${l.field}\` names '${l.value}', but no ${kinds} has that id`;
}

function below(model: TopologyModel, chain: StorageChain, node: ChainNode): ChainStep[] {
  const out: ChainStep[] = [];
  for (const b of node.breaks) if (b.severity !== 'warning') out.push({ entity: undefined, field: b.field, broken: b.message, below: [] });
  for (const l of chain.unresolved) {
    if (l.from === node.entity) out.push({ entity: undefined, field: l.field, broken: unresolvedMessage(model, l), below: [] });
  }
  for (const l of chain.loops) {
    if (l.from === node.entity) out.push({ entity: undefined, field: l.field, broken: `\`${l.field}\` names '${l.value}', already above it: the chain loops`, below: [] });
  }
  for (const child of node.below) out.push({ entity: child.entity, field: child.via?.field ?? '', broken: undefined, below: below(model, chain, child) });
  return out;
}
