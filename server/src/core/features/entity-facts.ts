import type { Entity } from '../model/extract';
import { get, str } from '../workspace/nodes';

/** The words features show for an entity: its name (or description) in detail lines and hovers. */
export function entityLabel(e: Entity): string | undefined {
  return str(get(e.node, 'name')) ?? str(get(e.node, 'description'));
}

/** `devices` for an entity at L1_foundation.devices[3]: the collection a symbol outline groups by. */
export function collectionOf(e: Entity): string {
  const path = e.path.slice(0, -1).filter((p): p is string => typeof p === 'string');
  const own = e.owner ? path.slice(e.owner.path.length) : path.slice(1);
  return own.join('.') || String(path[path.length - 1] ?? e.kind);
}

/** A kind written for people: `storage_endpoint` → `storage endpoint`. */
export function kindLabel(kind: string): string {
  return kind.replace(/_/g, ' ');
}
