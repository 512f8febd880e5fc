import type { Entity, Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';

const byModel = new WeakMap<TopologyModel, Map<Entity, Ref[]>>();

/** Refs written inside an entity (not inside its nested entities), built once per model. */
export function refsFrom(model: TopologyModel, entity: Entity): Ref[] {
  let m = byModel.get(model);
  if (!m) {
    m = new Map();
    for (const r of model.refs) {
      if (!r.from) continue;
      let list = m.get(r.from);
      if (!list) m.set(r.from, (list = []));
      list.push(r);
    }
    byModel.set(model, m);
  }
  return m.get(entity) ?? [];
}

export type Followed = { status: 'ok'; ref: Ref; target: Entity } | { status: 'broken'; ref: Ref; reason: string } | { status: 'absent' };

/**
 * Follows the ref in `field` of an entity (optionally only under a path segment, such as `rootfs`),
 * through the model's resolution: which kind a field names is read from the schema, never here.
 */
export function follow(model: TopologyModel, entity: Entity, field: string, under?: string): Followed[] {
  const refs = refsFrom(model, entity).filter((r) => r.field === field && (under === undefined || r.path.includes(under)));
  if (refs.length === 0) return [{ status: 'absent' }];
  return refs.map((ref) => {
    const res = model.resolve(ref);
    if (res.status === 'ok') return { status: 'ok', ref, target: res.target };
    if (res.status === 'wrong-target') return { status: 'broken', ref, reason: `\`${field}\` names '${ref.value}', but ${res.reason}` };
    if (res.status === 'wrong-kind') return { status: 'broken', ref, reason: `\`${field}\` names '${ref.value}', which is a ${res.found[0]!.kind.replace(/_/g, ' ')}, not a ${res.kinds.join(' or ').replace(/_/g, ' ')}` };
    return { status: 'broken', ref, reason: `\`${field}\` names '${ref.value}', but no ${res.kinds.join(' or ').replace(/_/g, ' ')} has that id` };
  });
}
