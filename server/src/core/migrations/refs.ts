/**
 * Every ref to an id, wherever it is: the refs come from the schema's `x-ref` declarations
 * (through the model), so a backup policy's `storage_ref` or an alias in `_defaults` is found
 * like any other.
 */
import type { Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';

/** Refs that name `id` as an entity of one of `kinds`. */
export function refsTo(model: TopologyModel, id: string, kinds: readonly string[]): Ref[] {
  return (model.index.refsById.get(id) ?? []).filter((r) => r.spec.kinds.some((k) => kinds.includes(k)));
}
