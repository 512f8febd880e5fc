/** `# strata-disable-next-line <id>[, <id>…]` (no id: every rule) silences findings on the next line. */
export function suppressedLines(text: string): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (!text.includes('strata-disable-next-line')) return out;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const m = /#\s*strata-disable-next-line\b(.*)$/.exec(line);
    if (!m) return;
    const ids = m[1]!.split(/[\s,]+/).filter(Boolean);
    out.set(i + 1, ids.length ? new Set(ids) : 'all');
  });
  return out;
}
