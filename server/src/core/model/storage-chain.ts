/**
 * The storage chain under an entity, down to the metal:
 *
 *   data asset → volume / storage endpoint → [mount point → filesystem →] logical volume →
 *   volume group → partition → media attachment → media → device
 *   (v4.0: data asset → storage pool → media attachment → media → device)
 *
 * Start anywhere on it: a data asset, a volume, a storage endpoint, an LXC/VM (its rootfs), a
 * template, a host OS, or any entity below. Each step carries its entity, its span, the link that
 * led to it and its own structural faults (storage-breaks.ts), so the hover, the docs generator
 * and the storage rules read one walk. It holds for every shape because it reads resolved links
 * (storage-links.ts), never raw field names.
 */
import type { Span } from '../types';
import type { Entity } from './extract';
import type { TopologyModel } from './model';
import { linkBreaks, type ChainBreak } from './storage-breaks';
import { guests } from './canonical';
import { CHAIN_KINDS, devicesBelow, downLinks, NETWORK_STORAGE_TYPES, restingOn, volumesOf, type Link } from './storage-links';
import { get, str } from '../workspace/nodes';

export type { Link } from './storage-links';
export { linkBreaks, type ChainBreak } from './storage-breaks';

export interface ChainStep {
  entity: Entity;
  kind: string;
  /** The entity's id (its definition). */
  span: Span;
  /** The link from the step above; undefined for the start. `via.status === 'wrong-kind'` marks a link naming another kind. */
  via: Link | undefined;
  /** Structural faults of this entity's own links. */
  breaks: ChainBreak[];
}

export interface ChainNode extends ChainStep {
  /** What this entity rests on: one node, or several at a fork (a VG on several PVs). */
  below: ChainNode[];
}

export interface StorageChain {
  root: ChainNode;
  /** The main line from the start down: at each fork, the first branch. */
  steps: ChainStep[];
  /** Faults of every entity under the start (each entity once), in walk order. */
  breaks: ChainBreak[];
  /** Links whose value names nothing; the walk stops there (ref-unknown / ref-wrong-kind report them). */
  unresolved: Link[];
  /** Links naming an entity already above them on the walk: the chain loops there. */
  loops: Link[];
  /** The devices the chain ends on. */
  devices: Entity[];
  /** Every branch reaches a device (or network storage) through well-typed links, without a fault. */
  complete: boolean;
}

const MAX_DEPTH = 64;

/** Walks the chain under `start`. */
export function storageChain(model: TopologyModel, start: Entity): StorageChain {
  const breaks = new Map<Entity, ChainBreak[]>();
  const unresolved: Link[] = [];
  const loops: Link[] = [];
  const devices = new Set<Entity>();
  let complete = true;

  const visit = (entity: Entity, via: Link | undefined, above: Entity[]): ChainNode => {
    let own = breaks.get(entity);
    if (!own) breaks.set(entity, (own = linkBreaks(model, entity)));
    if (own.some((b) => b.severity !== 'warning') || via?.status === 'wrong-kind') complete = false;
    const node: ChainNode = { entity, kind: entity.kind, span: entity.idSpan, via, breaks: own, below: [] };
    if (entity.kind === 'device') {
      devices.add(entity);
      return node;
    }
    const path = [...above, entity];
    const follow = (link: Link): ChainNode | undefined => {
      if (link.status === 'unknown' || !link.target) {
        unresolved.push(link);
        complete = false;
        return undefined;
      }
      if (path.includes(link.target) || path.length > MAX_DEPTH) {
        loops.push(link);
        complete = false;
        return undefined;
      }
      return visit(link.target, link, path);
    };
    const links = downLinks(model, entity);
    if (entity.kind === 'media_attachment') {
      // attachment → media → device: the device is the attachment's, shown below its disk.
      const media = links.find((l) => l.field === 'media_ref');
      const device = links.find((l) => l.field === 'device_ref');
      const mediaNode = media ? follow(media) : undefined;
      const deviceNode = device ? follow(device) : undefined;
      if (mediaNode && deviceNode) mediaNode.below.push(deviceNode);
      node.below = mediaNode ? [mediaNode] : deviceNode ? [deviceNode] : [];
    } else {
      for (const link of links) {
        const child = follow(link);
        if (child) node.below.push(child);
      }
    }
    if (!node.below.length && !restsOnNothingByDesign(entity)) complete = false;
    return node;
  };

  const root = visit(start, undefined, []);
  const steps: ChainStep[] = [];
  for (let n: ChainNode | undefined = root; n; n = n.below[0]) steps.push({ entity: n.entity, kind: n.kind, span: n.span, via: n.via, breaks: n.breaks });
  return { root, steps, breaks: [...breaks.values()].flat(), unresolved, loops, devices: [...devices], complete };
}

/** Network storage ends a branch without a fault; so does a medium (its attachment adds the device under it). */
function restsOnNothingByDesign(e: Entity): boolean {
  if (e.kind === 'media') return true;
  if (e.kind === 'storage_endpoint' || e.kind === 'storage_pool') {
    const type = str(get(e.node, 'type'));
    return type !== undefined && NETWORK_STORAGE_TYPES.has(type);
  }
  return false;
}

/** A loop of the chain: its members in link order, and the link closing it. */
export interface ChainLoop {
  members: Entity[];
  /** links[i] leads from members[i] to members[(i + 1) % n]. */
  links: Link[];
}

/**
 * Every loop among the chain's entities, each once. Links between well-typed chain kinds only lead
 * downward, so a loop needs a link that names an entity of another chain kind (`ref-wrong-kind`
 * reports that field); this finds the loop it closes, which no walk down the chain can leave.
 */
export function storageLoops(model: TopologyModel): ChainLoop[] {
  const state = new Map<Entity, 'open' | 'done'>();
  const seen = new Set<string>();
  const out: ChainLoop[] = [];
  const stack: Entity[] = [];
  const via: Link[] = [];
  const dfs = (e: Entity): void => {
    state.set(e, 'open');
    stack.push(e);
    for (const link of downLinks(model, e)) {
      const t = link.target;
      if (!t || link.status === 'unknown') continue;
      const s = state.get(t);
      if (s === 'open') {
        const from = stack.indexOf(t);
        const members = stack.slice(from);
        const key = members
          .map((m) => `${m.kind}:${m.id}`)
          .sort()
          .join('|');
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ members, links: [...via.slice(from), link] });
        }
      } else if (s === undefined) {
        via.push(link);
        dfs(t);
        via.pop();
      }
    }
    stack.pop();
    state.set(e, 'done');
  };
  for (const kind of CHAIN_KINDS) for (const e of model.index.ofKind(kind)) if (!state.has(e)) dfs(e);
  return out;
}

/** The storage built on one device, media up to data: entities as first reached and the links between them. */
export interface DeviceStorage {
  nodes: Entity[];
  /** [below, above]: what an entity rests on, then the entity. */
  edges: [Entity, Entity][];
}

const ON_DISK = new Set(['partition', 'volume_group', 'logical_volume', 'filesystem', 'mount_point', 'storage_endpoint']);

/**
 * Everything a device's present (not planned) media carry: partitions, VGs, LVs, filesystems,
 * mounts and endpoints breadth-first, then v4.0 pools, the rootfs and volumes of the device's
 * guests, the data on any of these, and data placed on the device with no chain under it. The
 * same links the walk down follows, read upward.
 */
export function deviceStorage(model: TopologyModel, device: Entity): DeviceStorage {
  const nodes = new Map<string, Entity>();
  const edges: [Entity, Entity][] = [];
  const edgeKeys = new Set<string>();
  const node = (e: Entity): Entity => {
    const known = nodes.get(e.id);
    if (known) return known;
    nodes.set(e.id, e);
    return e;
  };
  const edge = (below: Entity, above: Entity) => {
    const key = `${below.id} ${above.id}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push([below, above]);
  };
  const below = (e: Entity) =>
    downLinks(model, e).flatMap((l) => {
      const shown = l.status === 'ok' && l.target ? nodes.get(l.target.id) : undefined;
      return shown ? [shown] : [];
    });
  const onDevice = restingOn(model, device);
  const queue = onDevice.filter((a) => a.kind === 'media_attachment' && str(get(a.node, 'state')) !== 'planned').map(node);
  // Breadth-first: each level of the chain hangs below what the level before created.
  for (const e of queue) {
    for (const child of restingOn(model, e)) {
      if (!ON_DISK.has(child.kind)) continue;
      const known = nodes.has(child.id);
      edge(e, node(child));
      if (!known) queue.push(child);
    }
  }
  for (const pool of model.index.ofKind('storage_pool')) {
    if (!devicesBelow(model, pool).has(device)) continue;
    node(pool);
    for (const b of below(pool)) edge(b, pool);
  }
  for (const g of guests(model.index)) {
    if (str(get(g.node, 'device_ref')) !== device.id) continue;
    for (const b of below(g)) edge(b, node(g));
    for (const v of volumesOf(model, g)) {
      for (const b of below(v)) edge(b, node(v));
      if (nodes.has(v.id)) for (const asset of restingOn(model, v)) if (asset.kind === 'data_asset') edge(v, node(asset));
    }
  }
  for (const e of [...nodes.values()]) for (const asset of restingOn(model, e)) if (asset.kind === 'data_asset') edge(e, node(asset));
  for (const asset of onDevice) if (asset.kind === 'data_asset') node(asset);
  return { nodes: [...nodes.values()], edges };
}
