import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { unifiedDiff } from '../../../server/src/core/output/diff';
import { sha256 } from '../../../server/src/core/output/hash';

/** Applies a unified diff to a text (the check that the diff is right, not just plausible). */
function applyDiff(before: string, diff: string): string {
  const src = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let pos = 0;
  const lines = diff.split('\n');
  for (let i = 2; i < lines.length; i++) {
    const m = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]!);
    if (!m) continue;
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < start) out.push(src[pos++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@') && lines[i] !== ''; i++) {
      const l = lines[i]!;
      if (l[0] === ' ') out.push(src[pos++]!);
      else if (l[0] === '-') pos++;
      else if (l[0] === '+') out.push(l.slice(1));
    }
    i--;
  }
  while (pos < src.length) out.push(src[pos++]!);
  return out.length ? `${out.join('\n')}\n` : '';
}

describe('unified diff', () => {
  it('prints hunks with context and merges nearby changes', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
    const b = a.replace('l2\n', 'L2\n').replace('l5\n', 'L5\n').replace('l17\n', '');
    const d = unifiedDiff('f', a, b);
    assert.equal((d.match(/^@@/gm) ?? []).length, 2, 'l2 and l5 share a hunk, l17 has its own');
    assert.ok(d.startsWith('--- a/f\n+++ b/f\n@@ -1,9 +1,9 @@\n l0\n l1\n-l2\n+L2\n'));
  });

  it('is empty for equal texts and uses /dev/null for created and deleted files', () => {
    assert.equal(unifiedDiff('f', 'x\n', 'x\n'), '');
    assert.equal(unifiedDiff('f', undefined, 'x\n'), '--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
  });

  it('applies back to the new text (randomised)', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: rnd(30) }, () => `v${rnd(6)}`);
      const b = a.flatMap((l) => (rnd(5) === 0 ? [] : rnd(6) === 0 ? [l, `n${rnd(9)}`] : [rnd(7) === 0 ? `c${rnd(4)}` : l]));
      const at = a.length ? `${a.join('\n')}\n` : '';
      const bt = b.length ? `${b.join('\n')}\n` : '';
      assert.equal(applyDiff(at, unifiedDiff('f', at, bt)), bt, `case ${t}`);
    }
  });
});

describe('sha256 (plain TypeScript)', () => {
  it('matches Node for ASCII, Unicode, block boundaries and empty input', () => {
    for (const s of ['', 'abc', 'ü✓𝄞 surrogate', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)]) {
      assert.equal(sha256(s), createHash('sha256').update(s).digest('hex'), JSON.stringify(s.slice(0, 10)));
    }
  });
});
