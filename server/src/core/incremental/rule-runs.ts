import type { Finding, RelatedInfo, Span } from '../types';
import type { Change } from './change';
import { ALL_FILES, type Reads } from './reads';
import { shiftEnd, shiftStart } from './text-shift';

/** One rule's findings in an analysis, with what the rule read to make them. */
export interface RuleRun {
  findings: Finding[];
  reads: Reads;
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
  if (!reads.via) return ownReadsUnaffected(reads, change, how);
  return !touched(reads, change, how, new Set());
}

/** Whether the edit changed something `reads` or a computation it used (`via`) read. */
function touched(reads: Reads, change: Change, how: Judged, seen: Set<Reads>): boolean {
  if (seen.has(reads)) return false;
  seen.add(reads);
  if (!ownReadsUnaffected(reads, change, how)) return true;
  if (reads.via) for (const r of reads.via) if (touched(r, change, how, seen)) return true;
  return false;
}

function ownReadsUnaffected(reads: Reads, change: Change, how: Judged): boolean {
  if (how.by === 'files') {
    if (reads.files.has(ALL_FILES)) return false;
    // The edit touches a file or two; a check may have read many.
    for (const f of change.files.keys()) if (reads.files.has(f)) return false;
  } else {
    if (reads.allKeys && change.keys.size > 0) return false;
    for (const k of change.keys) if (reads.keys.has(k)) return false;
  }
  if (how.refs !== 'per-ref') {
    if (reads.refs && change.refs) return false;
    for (const f of change.refFields) if (reads.refFields.has(f)) return false;
    for (const v of change.refValues) if (reads.refValues.has(v)) return false;
  }
  if (reads.deprecated && change.deprecated) return false;
  // Iterating the edit's files: a computation may have put line numbers of many files in messages.
  for (const [f, shift] of change.files) if (shift.linesMoved && (reads.lines.has(f) || reads.lines.has(ALL_FILES))) return false;
  return true;
}

/** The findings with their places moved along with the edited text; undefined when one sat inside the edit. */
export function shiftFindings<F extends Pick<Finding, 'span' | 'related'>>(findings: F[], change: Change): F[] | undefined {
  if (change.files.size === 0) return findings;
  const out: F[] = [];
  for (const f of findings) {
    const span = shiftSpan(f.span, change);
    if (!span) return undefined;
    let related: RelatedInfo[] | undefined;
    if (f.related) {
      related = [];
      for (const r of f.related) {
        const s = shiftSpan(r.span, change);
        if (!s) return undefined;
        related.push(s === r.span ? r : { ...r, span: s });
      }
    }
    out.push(span === f.span && (!related || related.every((r, i) => r === f.related![i])) ? f : { ...f, span, ...(related ? { related } : {}) });
  }
  return out;
}

function shiftSpan(span: Span, change: Change): Span | undefined {
  const shift = change.files.get(span.file);
  if (!shift) return span;
  const start = shiftStart(shift, span.start);
  const end = span.end === span.start ? start : shiftEnd(shift, span.end);
  if (start === undefined || end === undefined) return undefined;
  return start === span.start && end === span.end ? span : { file: span.file, start, end };
}
