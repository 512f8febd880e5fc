/**
 * A file with thousands of hints of one rule (a v4.0 file before its migration: a deprecated field
 * on every entity) would have an editor redraw thousands of marks on every edit. Above a limit,
 * the hints and notes of one rule in one file are published as one diagnostic, at the first of
 * them, that lists every one in its related information: no finding is lost, the client handles a
 * few diagnostics, and `strata check` still lists each. Errors and warnings are never folded.
 */
import type { Diagnostic } from '../types';

/** Published one by one up to this many per rule and file (a setting may change it; 0 never folds). */
export const FOLD_ABOVE = 500;

/** The last folds of one file, so that an unchanged group is sent as the same object (encoded once). */
export type FoldCache = Map<string, { members: Diagnostic[]; folded: Diagnostic }>;

/** One file's diagnostics, the groups of more than `limit` hints or notes of one rule each folded into one. */
export function foldRepeated(diagnostics: Diagnostic[], limit: number, cache: FoldCache): Diagnostic[] {
  if (limit <= 0 || diagnostics.length <= limit) {
    cache.clear();
    return diagnostics;
  }
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'hint' && d.severity !== 'info') continue;
    const key = `${d.code}\0${d.severity}`;
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  const foldedBy = new Map<Diagnostic, Diagnostic | null>();
  for (const [key, members] of groups) {
    if (members.length <= limit) continue;
    const folded = cachedFold(key, members, cache);
    for (const [i, d] of members.entries()) foldedBy.set(d, i === 0 ? folded : null);
  }
  for (const key of [...cache.keys()]) if (!groups.has(key) || groups.get(key)!.length <= limit) cache.delete(key);
  if (foldedBy.size === 0) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const f = foldedBy.get(d);
    if (f === undefined) out.push(d);
    else if (f !== null) out.push(f);
  }
  return out;
}

/**
 * The folded findings on a line, as the editor would have held them: a quick fix asked for there
 * is offered for them too, though the editor only holds their fold.
 */
export function foldedAt(cache: FoldCache, line: number): { code: string; start: Diagnostic['range']['start'] }[] {
  const out: { code: string; start: Diagnostic['range']['start'] }[] = [];
  for (const { members } of cache.values()) for (const d of members) if (d.range.start.line <= line && line <= d.range.end.line) out.push({ code: d.code, start: d.range.start });
  return out;
}

function cachedFold(key: string, members: Diagnostic[], cache: FoldCache): Diagnostic {
  const last = cache.get(key);
  if (last && last.members.length === members.length && last.members.every((d, i) => d === members[i])) return last.folded;
  const folded = fold(members);
  cache.set(key, { members, folded });
  return folded;
}

function fold(members: Diagnostic[]): Diagnostic {
  const first = members[0]!;
  const more = members.length - 1;
  return {
    ...first,
    message: `${first.message}\n(${first.code}: ${more.toLocaleString('en')} more in this file, listed in the related information; \`strata check\` lists each.)`,
    related: members.flatMap((d) => [{ file: d.file, range: d.range, message: d.message }, ...(d.related ?? []).map((r) => ({ ...r, message: `  ${r.message}` }))]),
  };
}
