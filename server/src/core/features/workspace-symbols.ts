import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { fuzzyScore } from '../text/similar';

export const MAX_WORKSPACE_SYMBOLS = 500;

/** Every entity id matching the query fuzzily, best first (prefix matches lead). */
export function workspaceSymbols(model: TopologyModel, query: string): Entity[] {
  const scored: [Entity, number][] = [];
  for (const e of model.entities) {
    const s = fuzzyScore(query, e.id);
    if (s >= 0) scored.push([e, s]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : a[0].id > b[0].id ? 1 : 0));
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map(([e]) => e);
}
