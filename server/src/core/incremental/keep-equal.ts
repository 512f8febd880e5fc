import type { Finding, RelatedInfo, Span } from '../types';

/** A finding as a rule reports it, or as the runner keeps it (with its rule). */
type Reported = Omit<Finding, 'rule'> & { rule?: string };

/**
 * A rule run again whole reports new objects for findings that did not change. Handing back the
 * last run's object for each equal one keeps the finding's identity, and with it everything made
 * from it downstream: its placed diagnostic, a file's sorted list, the encoded publish.
 */
export function keepEqualFindings<F extends Reported>(next: F[], last: readonly F[]): F[] {
  if (next.length === 0 || last.length === 0) return next;
  let out: F[] | undefined;
  let byPlace: Map<string, Map<number, F[]>> | undefined;
  // A rule reports in the same order each run: the finding at the same index is tried first.
  for (let i = 0; i < next.length; i++) {
    const f = next[i]!;
    const same = last[i];
    let kept: F | undefined;
    if (same !== undefined && (same === f || sameFinding(f, same))) kept = same;
    else {
      byPlace ??= indexByPlace(last);
      kept = byPlace
        .get(f.span.file)
        ?.get(f.span.start)
        ?.find((g) => sameFinding(f, g));
    }
    if (kept && kept !== f) (out ??= next.slice())[i] = kept;
  }
  return out ?? next;
}

function indexByPlace<F extends Reported>(findings: readonly F[]): Map<string, Map<number, F[]>> {
  const out = new Map<string, Map<number, F[]>>();
  for (const f of findings) {
    let inFile = out.get(f.span.file);
    if (!inFile) out.set(f.span.file, (inFile = new Map()));
    const at = inFile.get(f.span.start);
    if (at) at.push(f);
    else inFile.set(f.span.start, [f]);
  }
  return out;
}

/** Equal in everything a rule reports. */
export function sameFinding(a: Reported, b: Reported): boolean {
  return (
    a.rule === b.rule &&
    sameSpan(a.span, b.span) &&
    a.message === b.message &&
    a.severity === b.severity &&
    sameList(a.related, b.related, sameRelated) &&
    sameList(a.after, b.after, sameSpan) &&
    sameList(a.meant, b.meant, sameSpan) &&
    (a.covers === b.covers || (!!a.covers && !!b.covers && sameSpan(a.covers, b.covers))) &&
    sameValue(a.data, b.data)
  );
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

function sameRelated(a: RelatedInfo, b: RelatedInfo): boolean {
  return a.message === b.message && sameSpan(a.span, b.span);
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/** Data is a small record of plain values (a migration id, candidates, an address). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
