import type { TopologyModel } from '../model/model';
import type { Finding, RelatedInfo, Span } from '../types';
import type { Change } from './change';
import { ALL_FILES, type Reads } from '../tracking/reads';
import { shiftEnd, shiftStart } from './text-shift';

/** One rule's findings in an analysis, with what the rule read to make them. */
export interface RuleRun {
  findings: Finding[];
  reads: Reads;
}

/** What an analysis after an edit knows of the one before: its model, what changed, its rule runs. */
export interface Since {
  previous: TopologyModel;
  change: Change;
  runs: ReadonlyMap<string, RuleRun>;
}

export interface Judged {
  /**
   * `keys` (a whole rule): no changed key was read anywhere. `files` (one entity's check): no map
   * of an edited file was read, so whatever keys it read still hold their values.
   */
  by?: 'keys' | 'files';
  /** `per-ref`: ref changes are left to the caller, which re-checks the changed refs itself. */
  refs?: 'per-ref';
}

/** The computation read nothing the edit changed, so it would report the same findings again. */
export function unaffected(reads: Reads, change: Change, how: Judged = {}): boolean {
  return !touched(reads, change, how, 0);
}

/**
 * Whether the edit changed something `reads` or a computation it used (`via`) read. Memos refer
 * only to memos finished before them, so `via` has no cycles, and it is a few levels deep.
 */
function touched(reads: Reads, change: Change, how: Judged, depth: number): boolean {
  if (!ownReadsUnaffected(reads, change, how)) return true;
  const via = reads.via;
  if (!via) return false;
  if (depth > 50) return true;
  for (let i = 0; i < via.length; i++) if (touched(via[i]!, change, how, depth + 1)) return true;
  return false;
}

/** A change's sets as arrays, made once: thousands of checks are judged against one change. */
interface ChangeLists {
  files: string[];
  keys: string[];
  refFields: string[];
  refValues: string[];
  linesMoved: string[];
}
const lists = new WeakMap<Change, ChangeLists>();

function listsOf(change: Change): ChangeLists {
  let l = lists.get(change);
  if (!l) {
    const files = [...change.files.keys()];
    // What reads of an edited file are noted as: the file, or the item of its top-level list read.
    const units = [...files, ...change.units];
    l = { files: units, keys: [...change.keys], refFields: [...change.refFields], refValues: [...change.refValues], linesMoved: files.filter((f) => change.files.get(f)!.linesMoved) };
    lists.set(change, l);
  }
  return l;
}

function hasAny(set: ReadonlySet<string>, values: string[]): boolean {
  if (set.size === 0) return false;
  for (let i = 0; i < values.length; i++) if (set.has(values[i]!)) return true;
  return false;
}

function ownReadsUnaffected(reads: Reads, change: Change, how: Judged): boolean {
  const l = listsOf(change);
  if (how.by === 'files') {
    // The edit touches a file or two; a check may have read many.
    if (reads.files.has(ALL_FILES) || hasAny(reads.files, l.files)) return false;
  } else {
    if (reads.allKeys && l.keys.length > 0) return false;
    if (hasAny(reads.keys, l.keys)) return false;
  }
  if (how.refs !== 'per-ref') {
    if (reads.refs && change.refs) return false;
    if (hasAny(reads.refFields, l.refFields) || hasAny(reads.refValues, l.refValues)) return false;
  }
  if (reads.deprecated && change.deprecated) return false;
  // A computation may have put line numbers of many files in messages.
  if (l.linesMoved.length > 0 && (reads.lines.has(ALL_FILES) || hasAny(reads.lines, l.linesMoved))) return false;
  return true;
}

/**
 * The findings with their places moved along with the edited text; undefined when one sat inside
 * the edit. Unmoved findings stay the same objects, and with none moved the list itself is returned.
 */
export function shiftFindings<F extends Pick<Finding, 'span' | 'related' | 'after' | 'meant' | 'covers'>>(findings: F[], change: Change): F[] | undefined {
  if (change.files.size === 0) return findings;
  const files = change.files;
  let out: F[] | undefined;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    // Most findings sit in a file the edit did not touch and name no other place.
    if (!files.has(f.span.file) && !f.related && !f.after && !f.meant && !f.covers) {
      if (out) out.push(f);
      continue;
    }
    const moved = shiftFinding(f, change);
    if (moved === undefined) return undefined;
    if (moved !== f) (out ??= findings.slice(0, i)).push(moved);
    else if (out) out.push(f);
  }
  return out ?? findings;
}

/** One finding moved with the edit: itself when nothing of it moved, undefined when a place sat inside the edit. */
function shiftFinding<F extends Pick<Finding, 'span' | 'related' | 'after' | 'meant' | 'covers'>>(f: F, change: Change): F | undefined {
  const span = shiftSpan(f.span, change);
  if (!span) return undefined;
  const related = f.related && shiftRelated(f.related, change);
  const after = f.after && shiftSpans(f.after, change);
  const meant = f.meant && shiftSpans(f.meant, change);
  const covers = f.covers && shiftSpan(f.covers, change);
  if ((f.related && !related) || (f.after && !after) || (f.meant && !meant) || (f.covers && !covers)) return undefined;
  if (span === f.span && related === f.related && after === f.after && meant === f.meant && covers === f.covers) return f;
  const moved = { ...f, span, ...(related ? { related } : {}), ...(after ? { after } : {}), ...(meant ? { meant } : {}), ...(covers ? { covers } : {}) };
  change.moved.set(moved, f);
  return moved;
}

/** Related information moved with the edit (the same array when none moved); undefined when one sat inside it. */
function shiftRelated(related: RelatedInfo[], change: Change): RelatedInfo[] | undefined {
  let out: RelatedInfo[] | undefined;
  for (let i = 0; i < related.length; i++) {
    const r = related[i]!;
    const s = shiftSpan(r.span, change);
    if (!s) return undefined;
    if (s !== r.span) (out ??= related.slice())[i] = { ...r, span: s };
  }
  return out ?? related;
}

/** The spans moved with the edit (the same array when none moved); undefined when one sat inside it. */
function shiftSpans(spans: Span[], change: Change): Span[] | undefined {
  let out: Span[] | undefined;
  for (let i = 0; i < spans.length; i++) {
    const s = shiftSpan(spans[i]!, change);
    if (!s) return undefined;
    if (s !== spans[i]) (out ??= spans.slice())[i] = s;
  }
  return out ?? spans;
}

function shiftSpan(span: Span, change: Change): Span | undefined {
  const shift = change.files.get(span.file);
  if (!shift) return span;
  const start = shiftStart(shift, span.start);
  const end = span.end === span.start ? start : shiftEnd(shift, span.end);
  if (start === undefined || end === undefined) return undefined;
  return start === span.start && end === span.end ? span : { file: span.file, start, end };
}
