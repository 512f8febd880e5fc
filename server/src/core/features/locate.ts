import type { Entity, Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { IncludeEdge } from '../workspace/assemble';

/** What sits at a position: a ref value, an entity's id, or an include tag with its path. */
export type Located =
  | { kind: 'ref'; ref: Ref; start: number; end: number }
  | { kind: 'id'; entity: Entity; start: number; end: number }
  | { kind: 'include'; edge: IncludeEdge; start: number; end: number };

const byModel = new WeakMap<TopologyModel, Map<string, Located[]>>();

/** Everything locatable, per file, sorted by start offset (built once per model). */
export function locatables(model: TopologyModel): Map<string, Located[]> {
  let m = byModel.get(model);
  if (m) return m;
  m = new Map();
  const add = (file: string, l: Located) => {
    let list = m!.get(file);
    if (!list) m!.set(file, (list = []));
    list.push(l);
  };
  for (const ref of model.refs) add(ref.node.file, { kind: 'ref', ref, start: ref.node.start, end: ref.node.end });
  for (const e of model.entities) add(e.idSpan.file, { kind: 'id', entity: e, start: e.idSpan.start, end: e.idSpan.end });
  for (const edge of model.assembly.edges) add(edge.include.file, { kind: 'include', edge, start: edge.include.tagStart, end: edge.include.end });
  for (const list of m.values()) list.sort((a, b) => a.start - b.start);
  byModel.set(model, m);
  return m;
}

/** The innermost locatable item covering `offset` (its end included, so a cursor after a word counts). */
export function locate(model: TopologyModel, file: string, offset: number): Located | undefined {
  const list = locatables(model).get(file);
  if (!list) return undefined;
  let best: Located | undefined;
  for (const l of list) {
    if (l.start > offset) break;
    if (offset <= l.end && (!best || l.end - l.start <= best.end - best.start)) best = l;
  }
  return best;
}

/** The entity a ref or id points at, for definition, references, rename and hover. */
export function targetEntity(model: TopologyModel, l: Located | undefined): Entity | undefined {
  if (!l) return undefined;
  if (l.kind === 'id') return l.entity;
  if (l.kind === 'ref') {
    const r = model.resolve(l.ref);
    return r.status === 'ok' || r.status === 'wrong-target' ? r.target : undefined;
  }
  return undefined;
}
