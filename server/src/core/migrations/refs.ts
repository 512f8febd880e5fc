/**
 * Id renames with every ref to the id, wherever it is: the refs come from the schema's `x-ref`
 * declarations (through the model), so a backup policy's `storage_ref` or an alias in
 * `_defaults` is found like any other (the hand-made migration forgot those).
 */
import type { Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { PlanBuilder } from './plan-builder';
import { replaceScalar } from './yaml-text';

/** Refs that name `id` as an entity of one of `kinds`. */
export function refsTo(model: TopologyModel, id: string, kinds: readonly string[]): Ref[] {
  return (model.index.refsById.get(id) ?? []).filter((r) => r.spec.kinds.some((k) => kinds.includes(k)));
}

/** Rewrites every ref to `from` (of one of `kinds`) as `to`; returns how many were found. */
export function renameRefs(b: PlanBuilder, model: TopologyModel, from: string, to: string, kinds: readonly string[]): Ref[] {
  const refs = refsTo(model, from, kinds);
  for (const r of refs) b.edit(replaceScalar(r.node, to));
  return refs;
}
