// One line-diff case in this (fresh) process: `node out/bench/diff.js LINES CASE [MODULE]` prints
// {ms, peakRssMb, baseRssMb} as JSON. MODULE (default: the product's line diff) is a compiled
// module exporting unifiedDiff, for comparing another implementation on the same input.
import { resolve } from 'node:path';

type UnifiedDiff = (path: string, before: string | undefined, after: string | undefined) => string;

export const DIFF_CASES = {
  /** Every tenth line changed: 10% of the lines, spread over the whole file. */
  'every-10th': (lines: string[]) => lines.map((l, i) => (i % 10 === 5 ? `changed: ${l}` : l)),
  /** Every line changed (a reformatting). */
  rewrite: (lines: string[]) => lines.map((l) => `  ${l}`),
  /** Only a final newline added. */
  'final-newline': (lines: string[]) => lines,
} as const;

export type DiffCase = keyof typeof DIFF_CASES;

function texts(count: number, kind: DiffCase): [string, string] {
  const lines = Array.from({ length: count }, (_, i) => `- id: entity-${i}\n`);
  const after = DIFF_CASES[kind](lines).join('');
  const before = lines.join('');
  return kind === 'final-newline' ? [before.slice(0, -1), before] : [before, after];
}

if (require.main === module) {
  const [count, kind, modulePath] = process.argv.slice(2);
  const mod = require(modulePath ? resolve(modulePath) : '../server/src/core/text/line-diff') as { unifiedDiff: UnifiedDiff };
  const [before, after] = texts(Number(count), kind as DiffCase);
  const baseRssMb = process.resourceUsage().maxRSS / 1024;
  const t = performance.now();
  const diff = mod.unifiedDiff('f.yaml', before, after);
  const ms = performance.now() - t;
  if (!diff.includes('@@')) throw new Error('no hunk');
  console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, baseRssMb }));
}
