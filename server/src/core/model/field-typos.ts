import { Declarations, type Decl } from './declarations';
import type { TopologyModel } from './model';
import type { Finding } from '../types';
import { deref, str, type SMap, type SNode } from '../workspace/nodes';
import { editDistance } from '../text/similar';

/** At most this many edits away from a known field, an unknown key is a likely typo of it. */
const TYPO_EDITS = 2;

/** An entity's typos with the authority they were judged by: nearly always one authority, and most entities have none. */
const cache = new WeakMap<SMap, { authority: Declarations; typos: readonly Finding[] }>();
const NO_TYPOS: readonly Finding[] = Object.freeze([]);
const NO_AUTHORITY = new Declarations({});

/**
 * Unknown keys of objects the schema leaves open that are one or two edits away from a field
 * Strata or the authority schema knows there. Open objects accept any key, so this is only a hint;
 * keys far from every known field are a repository's own and get nothing. A closed object's
 * unknown keys are the validator's (`schema-unknown-field`).
 */
export function fieldTypos(model: TopologyModel, authority?: Declarations): Finding[] {
  model.tracking.noteAllKeys();
  const out: Finding[] = [];
  walk(model.assembly.root, model.declarations.root, authority?.root, undefined, undefined, { authority: authority ?? NO_AUTHORITY, out });
  return out;
}

interface Walk {
  authority: Declarations;
  out: Finding[];
}

/** The entity a map is, named for messages: its kind from the declaration, its id from `id` or its key. */
interface Named {
  kind: string;
  id: string;
}

function walk(node: SNode | undefined, decl: Decl | undefined, auth: Decl | undefined, within: Named | undefined, key: string | undefined, w: Walk): void {
  const n = deref(node);
  if (!n || (!decl && !auth)) return;
  if (n.kind === 'seq') {
    for (const item of n.items) walk(item, decl?.items, auth?.items, within, undefined, w);
    return;
  }
  if (n.kind !== 'map') return;
  if (!decl?.kind) {
    visitMap(n, decl, auth, within, w);
    return;
  }
  // Entities are cached by node: a re-check walks again only the ones an edit replaced.
  const cached = n.hasInclude ? undefined : cache.get(n);
  const hit = cached?.authority === w.authority ? cached.typos : undefined;
  if (hit) {
    for (let i = 0; i < hit.length; i++) w.out.push(hit[i]!);
    return;
  }
  const entity = { kind: decl.kind, id: str(n.byKey.get('id')?.value) ?? key ?? '?' };
  if (n.hasInclude) {
    visitMap(n, decl, auth, entity, w);
    return;
  }
  const own: Finding[] = [];
  visitMap(n, decl, auth, entity, { ...w, out: own });
  cache.set(n, { authority: w.authority, typos: own.length ? own : NO_TYPOS });
  w.out.push(...own);
}

function visitMap(n: SMap, decl: Decl | undefined, auth: Decl | undefined, entity: Named | undefined, w: Walk): void {
  // Only the authority closes objects: with the repository's schema, the bundled one's closures do not count.
  const closed = w.authority === NO_AUTHORITY ? decl?.closed : auth?.closed;
  const open = (decl?.additional ?? auth?.additional) !== undefined;
  for (const e of n.entries) {
    const mine = Declarations.child(decl, e.key);
    const theirs = Declarations.child(auth, e.key);
    if (!mine && !theirs && !closed && !open) {
      // Only an unknown key pays for the list of known ones.
      const known = [...(decl ? decl.props.keys() : []), ...(auth ? auth.props.keys() : [])];
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
    walk(e.value, mine, theirs, entity, e.key, w);
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
