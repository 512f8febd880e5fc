import type { TopologyModel } from '../model/model';
import { ALL_FILES, type Reads } from '../tracking/reads';
import type { Finding } from '../types';
import type { Change } from './change';
import type { PartialResults } from './partial';
import { keepEqualFindings } from './keep-equal';
import { shiftFindings, unaffected } from './rule-runs';

export type Reported = Omit<Finding, 'rule'>;

/**
 * What can make a check's findings stale, from what it read (judged as `unaffected(…, { by:
 * 'files' })` judges): a file it read (the file's name), or, prefixed by a NUL no file name has, the
 * line numbers of a file, the ref list, refs of a field or naming a value, the deprecated list.
 */
type Trigger = string;
const LINES = '\0l';
const REFS = '\0r';
const REF_FIELD = '\0F';
const REF_VALUE = '\0V';
const DEPRECATED = '\0d';

/** A memo with few reads counts as its reads; a bigger one is judged once per edit for all that used it. */
const FLATTEN_MEMO_FILES = 4;

/** What one check depends on: its triggers, and the memos it used that are judged on their own. */
interface Deps {
  triggers: Trigger[];
  memos: Reads[] | undefined;
}

/** Deps as kept, small: most checks read one file and use no memo of their own. */
type KeptDeps = Trigger | Trigger[] | Deps;

function triggersOf(d: KeptDeps): readonly Trigger[] {
  return typeof d === 'string' ? [d] : Array.isArray(d) ? d : d.triggers;
}

function memosOf(d: KeptDeps): readonly Reads[] {
  return typeof d === 'string' || Array.isArray(d) ? [] : (d.memos ?? []);
}

function compact(d: Deps): KeptDeps {
  if (d.memos) return d;
  return d.triggers.length === 1 ? d.triggers[0]! : d.triggers;
}

/** Up to this many items of one key are kept in an array: a Set costs more than ten array slots. */
const SMALL = 8;

/**
 * Items by key, a lone item kept as itself and a few in an array: most keys (a file, a unit) are
 * read by one check or a handful, and thousands of keys are kept per rule.
 */
class MultiMap<K, I extends object> {
  private readonly map = new Map<K, I | I[] | Set<I>>();

  add(key: K, item: I): void {
    const v = this.map.get(key);
    if (v === undefined) this.map.set(key, item);
    else if (v instanceof Set) v.add(item);
    else if (Array.isArray(v)) {
      if (v.includes(item)) return;
      if (v.length < SMALL) v.push(item);
      else this.map.set(key, new Set([...v, item]));
    } else if (v !== item) this.map.set(key, [v, item]);
  }

  remove(key: K, item: I): void {
    const v = this.map.get(key);
    if (v === item) this.map.delete(key);
    else if (Array.isArray(v)) {
      const i = v.indexOf(item);
      if (i < 0) return;
      v.splice(i, 1);
      if (v.length === 1) this.map.set(key, v[0]!);
    } else if (v instanceof Set) v.delete(item);
  }

  get(key: K): Iterable<I> {
    const v = this.map.get(key);
    return v === undefined ? [] : v instanceof Set || Array.isArray(v) ? v : [v];
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}

/**
 * One item rule's results by item (ref, entity, holder, file), indexed by what each check read, so
 * that after an edit the checks to run again are looked up from what the edit changed, not found by
 * judging every item; every other item keeps its findings without being visited.
 */
export class ItemResults<I extends object> implements PartialResults {
  /** Every checked item's dependencies; the items with findings also in `findings`. */
  private readonly deps = new Map<I, KeptDeps>();
  readonly findings = new Map<I, Reported[]>();
  /** Items by trigger, by memo, and by the files their findings are placed in. */
  private readonly byTrigger = new MultiMap<Trigger, I>();
  private readonly byMemo = new MultiMap<Reads, I>();
  private readonly byFindingFile = new MultiMap<string, I>();
  /** Findings were added, removed or moved since the rule's list was last made. */
  dirty = true;
  /** An entity rule's judgement of what lies outside every entity (`outside`), with what it read. */
  outside: { findings: Reported[]; reads: Reads } | undefined;
  /** Refs and entities read again while the rule was carried whole: not checked yet. */
  readonly pendingRefs = new Set<I>();
  readonly pendingEntities = new Set<I>();

  constructor(public model: TopologyModel) {}

  has(item: I): boolean {
    return this.deps.has(item);
  }

  /** Records a check of `item`: its findings and what it read. */
  record(item: I, findings: Reported[], reads: Reads): void {
    // A check run again mostly finds what it found: those findings keep their objects.
    const last = this.findings.get(item);
    if (last) findings = keepEqualFindings(findings, last);
    if (this.deps.has(item) || this.pendingRefs.size > 0 || this.pendingEntities.size > 0) this.forget(item);
    const deps = keptDepsOf(reads);
    this.deps.set(item, deps);
    if (this.indexed) this.index(item, deps);
    if (findings.length > 0) this.setFindings(item, findings);
  }

  /**
   * The index by trigger is made when first needed (the first edit), not while the first analysis
   * records: that analysis is the one a user waits for.
   */
  private indexed = false;

  private ensureIndexed(): void {
    if (this.indexed) return;
    this.indexed = true;
    for (const [item, deps] of this.deps) this.index(item, deps);
  }

  private index(item: I, deps: KeptDeps): void {
    if (typeof deps === 'string') this.byTrigger.add(deps, item);
    else {
      for (const t of triggersOf(deps)) this.byTrigger.add(t, item);
      for (const m of memosOf(deps)) this.byMemo.add(m, item);
    }
  }

  /** Takes an item out: gone from the model, or about to be checked again. */
  forget(item: I): void {
    this.pendingRefs.delete(item);
    this.pendingEntities.delete(item);
    const deps = this.deps.get(item);
    if (!deps) return;
    this.deps.delete(item);
    if (this.indexed) {
      for (const t of triggersOf(deps)) this.byTrigger.remove(t, item);
      for (const m of memosOf(deps)) this.byMemo.remove(m, item);
    }
    this.dropFindings(item);
  }

  /** The items whose checks read something the edit changed. */
  affected(change: Change): Set<I> {
    this.ensureIndexed();
    const out = new Set<I>();
    const fire = (t: Trigger) => {
      for (const i of this.byTrigger.get(t)) out.add(i);
    };
    if (change.files.size > 0) fire(ALL_FILES);
    for (const [file, shift] of change.files) {
      fire(file);
      if (shift.linesMoved) fire(LINES + file);
    }
    for (const unit of change.units) fire(unit);
    if ([...change.files.values()].some((s) => s.linesMoved)) fire(LINES + ALL_FILES);
    if (change.refs) fire(REFS);
    for (const f of change.refFields) fire(REF_FIELD + f);
    for (const v of change.refValues) fire(REF_VALUE + v);
    if (change.deprecated) fire(DEPRECATED);
    for (const memo of this.byMemo.keys()) {
      if (unaffected(memo, change, { by: 'files' })) continue;
      for (const i of this.byMemo.get(memo)) out.add(i);
    }
    return out;
  }

  /**
   * Moves the findings of the items not checked again along with the edited text. Returns the
   * items whose findings sat inside the edit: those must be checked again.
   */
  move(change: Change, skip: ReadonlySet<I>): I[] {
    const stuck: I[] = [];
    const moved = new Set<I>();
    for (const file of change.files.keys()) {
      for (const item of [...this.byFindingFile.get(file)]) {
        if (skip.has(item) || moved.has(item)) continue;
        moved.add(item);
        const list = this.findings.get(item)!;
        const shifted = shiftFindings(list, change);
        if (!shifted) stuck.push(item);
        else if (shifted !== list) {
          this.findings.set(item, shifted);
          this.dirty = true;
        }
      }
    }
    return stuck;
  }

  carry(change: Change): boolean {
    // Whole (nothing the rule read changed): an item read again keeps the findings of its twin;
    // other items read again wait for the next run that is not carried whole.
    for (const [next, last] of change.twins) this.rekey(last as unknown as I, next as unknown as I);
    for (const e of change.goneEntities) this.forget(e as unknown as I);
    for (const r of change.goneRefs) this.forget(r as unknown as I);
    for (const item of change.newEntities as unknown as I[]) if (!this.deps.has(item)) this.pendingEntities.add(item);
    for (const item of change.newRefs as unknown as I[]) if (!this.deps.has(item)) this.pendingRefs.add(item);
    if (this.outside) {
      const findings = shiftFindings(this.outside.findings, change);
      if (!findings) return false;
      this.outside = { findings, reads: this.outside.reads };
    }
    return this.move(change, new Set()).length === 0;
  }

  /** Every item with results. */
  items(): I[] {
    return [...this.deps.keys()];
  }

  /** The results of `last` now belong to `next`, which replaces it (its twin, read again). */
  rekey(last: I, next: I): void {
    const deps = this.deps.get(last);
    if (!deps || last === next) return;
    this.deps.delete(last);
    this.deps.set(next, deps);
    const swap = <K>(index: MultiMap<K, I>, key: K): void => {
      index.remove(key, last);
      index.add(key, next);
    };
    if (this.indexed) {
      for (const t of triggersOf(deps)) swap(this.byTrigger, t);
      for (const m of memosOf(deps)) swap(this.byMemo, m);
    }
    const list = this.findings.get(last);
    if (!list) return;
    this.findings.delete(last);
    this.findings.set(next, list);
    for (const file of findingFiles(list)) swap(this.byFindingFile, file);
  }

  /** The findings of every item, in the order of the items. */
  list(items: readonly I[]): Reported[] {
    const out: Reported[] = [...(this.outside?.findings ?? [])];
    if (this.findings.size === 0) return out;
    for (const item of items) {
      const l = this.findings.get(item);
      if (l) for (const f of l) out.push(f);
    }
    return out;
  }

  private setFindings(item: I, findings: Reported[]): void {
    this.findings.set(item, findings);
    for (const file of findingFiles(findings)) this.byFindingFile.add(file, item);
    this.dirty = true;
  }

  private dropFindings(item: I): void {
    const list = this.findings.get(item);
    if (!list) return;
    this.findings.delete(item);
    for (const file of findingFiles(list)) this.byFindingFile.remove(file, item);
    this.dirty = true;
  }
}

/** The files a finding's places are in: where an edit there moves it. */
function findingFiles(findings: Reported[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    out.add(f.span.file);
    for (const r of f.related ?? []) out.add(r.span.file);
    for (const s of f.after ?? []) out.add(s.file);
    for (const s of f.meant ?? []) out.add(s.file);
    if (f.covers) out.add(f.covers.file);
  }
  return out;
}

/** Most checks read one file or unit and nothing else: that is kept as the file itself, without sets. */
function keptDepsOf(r: Reads): KeptDeps {
  if (r.lines.size === 0 && !r.refs && r.refFields.size === 0 && r.refValues.size === 0 && !r.deprecated && !r.via) return r.files.size === 1 ? r.files.values().next().value! : [...r.files];
  return compact(depsOf(r));
}

function depsOf(reads: Reads): Deps {
  const triggers = new Set<Trigger>();
  let memos: Reads[] | undefined;
  const add = (r: Reads, depth: number): void => {
    for (const f of r.files) triggers.add(f);
    for (const f of r.lines) triggers.add(LINES + f);
    if (r.refs) triggers.add(REFS);
    for (const f of r.refFields) triggers.add(REF_FIELD + f);
    for (const v of r.refValues) triggers.add(REF_VALUE + v);
    if (r.deprecated) triggers.add(DEPRECATED);
    for (const m of r.via ?? []) {
      if (depth < 2 && !m.via && m.files.size <= FLATTEN_MEMO_FILES && m.refValues.size <= FLATTEN_MEMO_FILES) add(m, depth + 1);
      else (memos ??= []).includes(m) || memos.push(m);
    }
  };
  add(reads, 0);
  return { triggers: [...triggers], memos };
}
