/**
 * One line that says what a regeneration did, read from the server's result (RegenerateResult of
 * the generate service). Tolerant of missing fields: the line is for people, not a contract.
 */
interface GeneratorRun {
  generator?: unknown;
  status?: unknown;
  written?: unknown;
  unchanged?: unknown;
  removed?: unknown;
  blocked?: unknown;
  error?: unknown;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export function summarizeRegenerate(title: string, result: unknown): { text: string; failed: boolean } {
  const r = (result ?? {}) as { summary?: unknown; outDir?: unknown; totalMs?: unknown };
  const runs = Array.isArray(r.summary) ? (r.summary as GeneratorRun[]) : [];
  if (runs.length === 0) return { text: `${title}: done.`, failed: false };
  let failed = false;
  const parts = runs.map((run) => {
    const name = String(run.generator ?? '?');
    if (run.status === 'failed') {
      failed = true;
      return `${name} failed${run.error ? ` (${String(run.error)})` : ''}`;
    }
    if (run.status === 'skipped') return `${name} up to date`;
    const counts = [`${num(run.written)} written`];
    if (num(run.removed)) counts.push(`${num(run.removed)} removed`);
    if (num(run.blocked)) counts.push(`${num(run.blocked)} kept (edited by hand)`);
    return `${name} ${counts.join(', ')}`;
  });
  const ms = typeof r.totalMs === 'number' ? ` in ${Math.round(r.totalMs)} ms` : '';
  return { text: `${title}${ms}: ${parts.join('; ')}.`, failed };
}

/** The most the summary message quotes of what the generators left out; the rest is in the log. */
const QUOTED_NOTES = 3;

/**
 * What the generators left out (their warnings and errors, each with its reason), as a sentence for
 * the summary message; '' when they name nothing of that weight.
 */
export function leftOutSentence(result: unknown): string {
  const notes = (result as { notes?: unknown } | null | undefined)?.notes;
  const serious = (Array.isArray(notes) ? (notes as { generator?: unknown; severity?: unknown; message?: unknown }[]) : []).filter((n) => n.severity === 'warning' || n.severity === 'error');
  if (!serious.length) return '';
  const quoted = serious.slice(0, QUOTED_NOTES).map((n) => `${String(n.generator ?? '?')}: ${String(n.message ?? '').replace(/\.$/, '')}`);
  const more = serious.length > QUOTED_NOTES ? `; and ${serious.length - QUOTED_NOTES} more (see the Strata log)` : '';
  return ` Left out: ${quoted.join('; ')}${more}.`;
}
