/** Edit distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `n` candidates closest to `value`, close enough to be a plausible typo. */
export function closest(value: string, candidates: Iterable<string>, n = 3): string[] {
  const max = Math.max(2, Math.floor(value.length / 3));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === value) continue;
    const d = c.includes(value) || value.includes(c) ? Math.min(max, Math.abs(c.length - value.length)) : editDistance(value, c, max);
    if (d <= max) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, n).map(([c]) => c);
}

/** What a prefix match scores, less the text's length; a match that is no prefix scores at most `FUZZY_MAX_PER_CHAR` a query character. */
export const PREFIX_SCORE = 1000;
export const FUZZY_MAX_PER_CHAR = 15;

/** Fuzzy subsequence match score (higher is better), or -1 when `query` is not a subsequence. */
export function fuzzyScore(query: string, text: string): number {
  return query === '' ? 0 : lowerFuzzyScore(query.toLowerCase(), text.toLowerCase());
}

/** `fuzzyScore` of a query and a text both lowercased already. */
export function lowerFuzzyScore(q: string, t: string): number {
  if (q === '') return 0;
  if (t.startsWith(q)) return PREFIX_SCORE - t.length;
  let score = 0;
  let ti = 0;
  let last = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return -1;
    // At most 10 + 5: FUZZY_MAX_PER_CHAR.
    score += found === last + 1 ? 10 : 1;
    if (found === 0 || t[found - 1] === '-' || t[found - 1] === '_') score += 5;
    last = found;
    ti = found + 1;
  }
  return score;
}

export function quoteList(values: string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
