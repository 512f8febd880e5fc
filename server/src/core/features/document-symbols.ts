import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { collectionOf, entityLabel } from './entity-facts';

export interface OutlineSymbol {
  name: string;
  detail: string | undefined;
  /** An entity kind, or `collection` for a group. */
  kind: string;
  span: Span;
  selection: Span;
  children: OutlineSymbol[];
}

/** The entities written in a file, grouped by collection; nested entities under their owner. */
export function documentSymbols(model: TopologyModel, file: string): OutlineSymbol[] {
  const inFile = model.entities.filter((e) => e.idSpan.file === file);
  const own = new Set(inFile);
  const childrenOf = new Map<Entity | undefined, Entity[]>();
  for (const e of inFile) {
    const parent = e.owner && own.has(e.owner) ? e.owner : undefined;
    let list = childrenOf.get(parent);
    if (!list) childrenOf.set(parent, (list = []));
    list.push(e);
  }
  return group(childrenOf.get(undefined) ?? [], childrenOf);
}

function group(entities: Entity[], childrenOf: Map<Entity | undefined, Entity[]>): OutlineSymbol[] {
  const byCollection = new Map<string, Entity[]>();
  for (const e of entities) {
    const c = collectionOf(e);
    let list = byCollection.get(c);
    if (!list) byCollection.set(c, (list = []));
    list.push(e);
  }
  const out: OutlineSymbol[] = [];
  for (const [name, list] of byCollection) {
    const symbols = list.map((e) => symbol(e, childrenOf));
    const first = list[0]!;
    const start = Math.min(...list.map((e) => e.node.start));
    const end = Math.max(...list.map((e) => e.node.end));
    out.push({ name, detail: `${list.length}`, kind: 'collection', span: { file: first.node.file, start, end }, selection: { file: first.node.file, start, end: start }, children: symbols });
  }
  return out;
}

function symbol(e: Entity, childrenOf: Map<Entity | undefined, Entity[]>): OutlineSymbol {
  // A map-keyed entity's span starts at its key; a list item's at its map.
  const start = Math.min(e.idSpan.start, e.node.start);
  const span = e.node.file === e.idSpan.file ? { file: e.node.file, start, end: Math.max(e.node.end, e.idSpan.end) } : e.idSpan;
  return { name: e.id, detail: entityLabel(e), kind: e.kind, span, selection: e.idSpan, children: group(childrenOf.get(e) ?? [], childrenOf) };
}
