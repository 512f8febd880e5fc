/**
 * The services' `dependencies` as a graph: the cycles that make a deploy order impossible, and the
 * deploy order itself as parallel groups (topological layers). dependency-cycle and `strata graph`
 * both read it from here.
 */
import type { Entity, Ref } from './extract';
import type { TopologyModel } from './model';

export interface DependencyEdge {
  /** The service that depends. */
  from: Entity;
  /** The service it depends on (deployed first). */
  to: Entity;
  /** The `dependencies[].service_ref` value. */
  ref: Ref;
}

export interface DependencyGraph {
  services: Entity[];
  edges: DependencyEdge[];
  /** Edges by the depending service. */
  out: Map<Entity, DependencyEdge[]>;
}

/** The `dependencies[].service_ref` refs of every service that resolve to a service. */
export function dependencyGraph(model: TopologyModel): DependencyGraph {
  const services = model.index.ofKind('service');
  const edges: DependencyEdge[] = [];
  const out = new Map<Entity, DependencyEdge[]>(services.map((s) => [s, []]));
  // Only refs under `dependencies` count: a ref edit anywhere else leaves the graph as it was.
  model.tracking.noteRefField('dependencies');
  for (const ref of model.index.extraction.refs) {
    const from = ref.from;
    if (from?.kind !== 'service' || ref.path[ref.path.length - 3] !== 'dependencies' || ref.path.length !== from.path.length + 3) continue;
    const res = model.resolve(ref);
    if (res.status !== 'ok' || res.target.kind !== 'service') continue;
    const e = { from, to: res.target, ref };
    edges.push(e);
    out.get(from)?.push(e);
  }
  return { services, edges, out };
}

/**
 * One cycle per strongly connected component that has one (Tarjan), as its edges in order, starting
 * at the component's first service in document order. Self-dependencies are cycles of one edge.
 */
export function dependencyCycles(g: DependencyGraph): DependencyEdge[][] {
  const order = new Map(g.services.map((s, i) => [s, i]));
  const index = new Map<Entity, number>();
  const low = new Map<Entity, number>();
  const onStack = new Set<Entity>();
  const stack: Entity[] = [];
  const components: Entity[][] = [];
  let counter = 0;
  // Iterative Tarjan: dependency chains in large repositories must not overflow the call stack.
  for (const root of g.services) {
    if (index.has(root)) continue;
    const work: { v: Entity; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const edges = g.out.get(top.v) ?? [];
      if (top.i < edges.length) {
        const w = edges[top.i++]!.to;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: Entity[] = [];
        let w: Entity;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        components.push(comp);
      }
    }
  }
  const cycles: DependencyEdge[][] = [];
  for (const comp of components) {
    const members = new Set(comp);
    const start = [...comp].sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
    const self = (g.out.get(start) ?? []).find((e) => e.to === start);
    if (comp.length === 1) {
      if (self) cycles.push([self]);
      continue;
    }
    const path = findCycle(g, start, members);
    if (path) cycles.push(path);
  }
  return cycles.sort((a, b) => order.get(a[0]!.from)! - order.get(b[0]!.from)!);
}

/** A path from `start` back to itself inside one component (breadth-first, so it is a shortest one). */
function findCycle(g: DependencyGraph, start: Entity, members: Set<Entity>): DependencyEdge[] | undefined {
  const via = new Map<Entity, DependencyEdge>();
  const queue: Entity[] = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (const e of g.out.get(v) ?? []) {
      if (!members.has(e.to)) continue;
      if (e.to === start) {
        const path = [e];
        for (let cur = v; cur !== start; cur = via.get(cur)!.from) path.unshift(via.get(cur)!);
        return path;
      }
      if (!via.has(e.to)) {
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return undefined;
}

export interface DeployOrder {
  /** Groups in deploy order; the services of one group do not depend on each other. */
  layers: Entity[][];
  /** Services in a cycle or depending on one: they have no place in the order. */
  blocked: Entity[];
}

/** Topological layers (Kahn): group n holds the services whose dependencies are all in groups < n. */
export function deployOrder(g: DependencyGraph): DeployOrder {
  const remaining = new Map<Entity, number>();
  const dependents = new Map<Entity, Entity[]>();
  for (const s of g.services) remaining.set(s, new Set((g.out.get(s) ?? []).map((e) => e.to)).size);
  for (const e of g.edges) {
    const list = dependents.get(e.to) ?? [];
    if (!list.includes(e.from)) list.push(e.from);
    dependents.set(e.to, list);
  }
  const order = new Map(g.services.map((s, i) => [s, i]));
  const layers: Entity[][] = [];
  let current = g.services.filter((s) => remaining.get(s) === 0);
  const placed = new Set<Entity>();
  while (current.length > 0) {
    layers.push(current);
    for (const s of current) placed.add(s);
    const next = new Set<Entity>();
    for (const s of current) {
      for (const d of dependents.get(s) ?? []) {
        const left = remaining.get(d)! - 1;
        remaining.set(d, left);
        if (left === 0) next.add(d);
      }
    }
    current = [...next].sort((a, b) => order.get(a)! - order.get(b)!);
  }
  return { layers, blocked: g.services.filter((s) => !placed.has(s)) };
}
