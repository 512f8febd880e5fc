/**
 * One mistake, one finding. A finding that only follows from another (an address "duplicated" with
 * the guest a broken ref would have named, a chain walked through a link that names nothing, a ref
 * to an entity of a file that was not read) is not reported on its own: it moves into the related
 * information of the finding it follows from, which keeps its severity.
 *
 * This runs on every analysis over the findings of that analysis, after rules (cached or not) have
 * reported them, so a re-check after an edit links them afresh.
 */
import type { Decl } from './model/declarations';
import type { UnloadedSite } from './model/extract';
import type { Finding, Span } from './types';

/** Rules whose findings say a value or a file is wrong at its root: only these absorb others. */
const ROOT_RULES = new Set([
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-alias-limit',
  'include-missing',
  'include-cycle',
  'include-outside-root',
  'include-invalid',
  'ref-unknown',
  'ref-wrong-kind',
  'typed-ref',
  'runtime-target',
  'id-duplicate',
]);

/** Follow-ons shown in a root's related information; the rest are counted in one line. */
const MAX_RELATED = 50;

const keyOf = (s: Span): string => `${s.file}\0${s.start}\0${s.end}`;

/**
 * Drops exact repeats (one value read through several aliases), then folds each follow-on into
 * the finding it follows from. `brokenFiles`: files with syntax errors, whose later parse findings
 * follow from the first syntax error.
 */
export function foldFollowOns(findings: Finding[], unloaded: readonly UnloadedSite[], brokenFiles: ReadonlySet<string>): Finding[] {
  const list = distinct(findings);
  const parent = parentsOf(list, unloaded, brokenFiles);
  if (parent.size === 0) return list;
  const followers = new Map<Finding, Finding[]>();
  for (const f of list) {
    const root = rootOf(f, parent);
    if (root === f) continue;
    const l = followers.get(root);
    if (l) l.push(f);
    else followers.set(root, [f]);
  }
  const out: Finding[] = [];
  for (const f of list) {
    if (rootOf(f, parent) !== f) continue;
    const follows = followers.get(f);
    out.push(follows ? withFollowers(f, follows) : f);
  }
  return out;
}

/**
 * Exact repeats dropped; by file and start first, so that most findings are compared with none. A
 * lone finding at a place is kept as itself, and findings come mostly grouped by file.
 */
function distinct(findings: Finding[]): Finding[] {
  const seen = new Map<string, Map<number, Finding | Finding[]>>();
  const out: Finding[] = [];
  let file: string | undefined;
  let inFile: Map<number, Finding | Finding[]> | undefined;
  for (const f of findings) {
    if (f.span.file !== file || !inFile) {
      file = f.span.file;
      inFile = seen.get(file);
      if (!inFile) seen.set(file, (inFile = new Map()));
    }
    const at = inFile.get(f.span.start);
    if (at === undefined) inFile.set(f.span.start, f);
    else {
      const list = Array.isArray(at) ? at : [at];
      if (list.some((g) => g.span.end === f.span.end && g.rule === f.rule && g.message === f.message)) continue;
      list.push(f);
      if (list !== at) inFile.set(f.span.start, list);
    }
    out.push(f);
  }
  return out;
}

/** For each follow-on, the finding it directly follows from. */
function parentsOf(list: Finding[], unloaded: readonly UnloadedSite[], brokenFiles: ReadonlySet<string>): Map<Finding, Finding> {
  const at = new Map<string, Finding[]>();
  const push = (k: string, f: Finding) => {
    const l = at.get(k);
    if (l) l.push(f);
    else at.set(k, [f]);
  };
  const firstSyntax = new Map<string, Finding>();
  const covering: Finding[] = [];
  const guessless: Finding[] = [];
  for (const f of list) {
    if (!ROOT_RULES.has(f.rule)) continue;
    push(keyOf(f.span), f);
    if (f.covers) covering.push(f);
    if (UNRESOLVED_RULES.has(f.rule) && !f.meant) guessless.push(f);
    // An unresolved ref stands for the entities it was probably meant to name.
    for (const m of f.meant ?? []) push(keyOf(m), f);
    if (f.rule === 'yaml-syntax') {
      const first = firstSyntax.get(f.span.file);
      if (!first || f.span.start < first.span.start) firstSyntax.set(f.span.file, f);
    }
  }
  const parent = new Map<Finding, Finding>();
  for (const f of list) {
    const p = directParent(f, at, unloaded, brokenFiles, firstSyntax) ?? coveredBy(f, covering) ?? orphanedBy(f, guessless, unloaded, at);
    if (p) parent.set(f, p);
  }
  return parent;
}

/** Rules whose findings say a ref names nothing usable. */
const UNRESOLVED_RULES = new Set(['ref-unknown', 'ref-wrong-kind']);

/** The innermost second definition of an id that holds the finding. */
function coveredBy(f: Finding, covering: Finding[]): Finding | undefined {
  let best: Finding | undefined;
  for (const c of covering) {
    const s = c.covers!;
    if (c === f || s.file !== f.span.file || f.span.start < s.start || f.span.end > s.end) continue;
    if (!best || s.end - s.start < best.covers!.end - best.covers!.start) best = c;
  }
  return best;
}

/**
 * A finding that an entity of kind `data.unnamed` is named by nothing, beside a ref of that kind
 * that names nothing and resembles no id: the ref was probably meant for it (a typo close to an id
 * names that id in `meant` instead). Or a file that was not read could have held the naming ref.
 */
function orphanedBy(f: Finding, guessless: Finding[], unloaded: readonly UnloadedSite[], at: Map<string, Finding[]>): Finding | undefined {
  const kind = f.data?.unnamed;
  if (typeof kind !== 'string') return undefined;
  const guess = guessless.find((g) => Array.isArray(g.data?.kinds) && g.data.kinds.includes(kind));
  if (guess) return guess;
  for (const site of unloaded) {
    if (!declared(site.decl).refKinds.has(kind)) continue;
    for (const c of site.causes) {
      const hit = at.get(keyOf(c))?.[0];
      if (hit && hit !== f) return hit;
    }
  }
  return undefined;
}

function directParent(f: Finding, at: Map<string, Finding[]>, unloaded: readonly UnloadedSite[], brokenFiles: ReadonlySet<string>, firstSyntax: Map<string, Finding>): Finding | undefined {
  // The parser's later complaints in a broken file follow from its first one.
  if (brokenFiles.has(f.span.file) && isParseFinding(f)) {
    const first = firstSyntax.get(f.span.file);
    if (first && first !== f) return first;
  }
  for (const s of f.after ?? []) {
    const hit = at.get(keyOf(s))?.find((r) => r !== f);
    if (hit) return hit;
  }
  if (f.rule === 'ref-unknown' && unloaded.length > 0) {
    const kinds = f.data?.kinds;
    if (Array.isArray(kinds)) {
      for (const site of unloaded) {
        // A ref of unknown kind (no kinds) may name whatever the file held.
        if (kinds.length > 0 && !kinds.some((k) => typeof k === 'string' && declared(site.decl).kinds.has(k))) continue;
        for (const c of site.causes) {
          const hit = at.get(keyOf(c))?.[0];
          if (hit && hit !== f) return hit;
        }
      }
    }
  }
  return undefined;
}

function isParseFinding(f: Finding): boolean {
  return f.rule.startsWith('yaml-');
}

/** The finding at the end of the chain; a chain that loops back is cut where it started. */
function rootOf(f: Finding, parent: Map<Finding, Finding>): Finding {
  const seen = new Set<Finding>([f]);
  let cur = f;
  for (;;) {
    const p = parent.get(cur);
    if (!p) return cur;
    if (seen.has(p)) return f;
    seen.add(p);
    cur = p;
  }
}

function withFollowers(root: Finding, follows: Finding[]): Finding {
  const related = [...(root.related ?? [])];
  for (const f of follows.slice(0, MAX_RELATED)) related.push({ span: f.span, message: `Follows from this (${f.rule}): ${f.message}` });
  if (follows.length > MAX_RELATED) related.push({ span: root.span, message: `${follows.length - MAX_RELATED} more findings follow from this.` });
  return { ...root, related };
}

interface Declared {
  /** Entity kinds that can live there. */
  kinds: Set<string>;
  /** Kinds that refs written there can name. */
  refKinds: Set<string>;
}
const declaredSets = new WeakMap<Decl, Declared>();

/** What can be written under a declaration: what an unread file there could have held. */
function declared(decl: Decl): Declared {
  const hit = declaredSets.get(decl);
  if (hit) return hit;
  const out: Declared = { kinds: new Set(), refKinds: new Set() };
  const seen = new Set<Decl>();
  const walk = (d: Decl | undefined, depth: number) => {
    if (!d || seen.has(d) || depth > 64) return;
    seen.add(d);
    if (d.kind) out.kinds.add(d.kind);
    for (const k of d.ref?.kinds ?? []) out.refKinds.add(k);
    for (const c of d.props.values()) walk(c, depth + 1);
    walk(d.additional, depth + 1);
    walk(d.items, depth + 1);
  };
  walk(decl, 0);
  declaredSets.set(decl, out);
  return out;
}
