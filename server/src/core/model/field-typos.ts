import { Declarations, type Decl } from './declarations';
import type { Entity } from './extract';
import type { TopologyModel } from './model';
import type { Finding } from '../types';
import { deref, type SMap, type SNode } from '../workspace/nodes';
import { editDistance } from '../text/similar';
import { noteAllKeys } from '../incremental/reads';

/** At most this many edits away from a known field, an unknown key is a likely typo of it. */
const TYPO_EDITS = 2;

const cache = new WeakMap<SMap, WeakMap<Declarations, Finding[]>>();
const NO_AUTHORITY = new Declarations({});

/**
 * Unknown keys of objects the schema leaves open that are one or two edits away from a field
 * Strata or the authority schema knows there. Open objects accept any key, so this is only a hint;
 * keys far from every known field are a repository's own and get nothing. A closed object's
 * unknown keys are the validator's (`schema-unknown-field`).
 */
export function fieldTypos(model: TopologyModel, authority?: Declarations): Finding[] {
  noteAllKeys();
  const entities = new Map<SMap, Entity>();
  for (const e of model.entities) entities.set(e.node, e);
  const out: Finding[] = [];
  walk(model.assembly.root, model.declarations.root, authority?.root, undefined, { entities, authority: authority ?? NO_AUTHORITY, out });
  return out;
}

interface Walk {
  entities: Map<SMap, Entity>;
  authority: Declarations;
  out: Finding[];
}

function walk(node: SNode | undefined, decl: Decl | undefined, auth: Decl | undefined, within: Entity | undefined, w: Walk): void {
  const n = deref(node);
  if (!n || (!decl && !auth)) return;
  if (n.kind === 'seq') {
    for (const item of n.items) walk(item, decl?.items, auth?.items, within, w);
    return;
  }
  if (n.kind !== 'map') return;
  const entity = w.entities.get(n) ?? within;
  if (entity !== within && !n.hasInclude) {
    const hit = cache.get(n)?.get(w.authority);
    if (hit) {
      w.out.push(...hit);
      return;
    }
    const own: Finding[] = [];
    visitMap(n, decl, auth, entity, { ...w, out: own });
    if (!cache.has(n)) cache.set(n, new WeakMap());
    cache.get(n)!.set(w.authority, own);
    w.out.push(...own);
    return;
  }
  visitMap(n, decl, auth, entity, w);
}

function visitMap(n: SMap, decl: Decl | undefined, auth: Decl | undefined, entity: Entity | undefined, w: Walk): void {
  const closed = auth ? auth.closed : decl?.closed;
  const known = [...(decl && !decl.additional ? decl.props.keys() : []), ...(auth && !auth.additional ? auth.props.keys() : [])];
  const open = (decl?.additional ?? auth?.additional) !== undefined;
  for (const e of n.entries) {
    const mine = Declarations.child(decl, e.key);
    const theirs = Declarations.child(auth, e.key);
    if (!mine && !theirs && !closed && !open && known.length) {
      const guess = likelyTypo(e.key, known);
      if (guess) {
        w.out.push({
          rule: 'schema-field-typo',
          span: { file: n.file, start: e.keyStart, end: e.keyEnd },
          message: `Unknown field \`${e.key}\`${entity ? ` in ${entity.kind} '${entity.id}'` : ''}. Did you mean \`${guess}\`?`,
          data: { field: e.key, suggestion: guess },
        });
      }
    }
    walk(e.value, mine, theirs, entity, w);
  }
}

/**
 * The known field one or two edits away (the nearest, then the first in order), if any. Fewer
 * edits than half the key's length: two edits turn any short key into any other (`os`, `id`).
 */
export function likelyTypo(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(TYPO_EDITS, Math.ceil(key.length / 2) - 1) + 1;
  for (const k of known) {
    if (k === key) return undefined;
    const d = swapped(key, k) ? 1 : editDistance(key, k, TYPO_EDITS);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** The two differ by one swap of neighbouring characters (`nmae`, `name`). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
