import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lineEdits, splitLines, unifiedDiff, type LineEdit } from '../../server/src/core/text/line-diff';

/** Applies a unified diff, checking every context and removed line against the old text. */
function applyUnified(before: string, diff: string): string {
  const src = splitLines(before);
  const lines = diff.split('\n').slice(2, -1);
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]!);
    assert.ok(m, `a hunk header, not ${JSON.stringify(lines[i])}`);
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < start) out.push(src[pos++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const l = lines[i]!;
      const noEol = lines[i + 1]?.startsWith('\\ No newline at end of file');
      const content = l.slice(1) + (noEol ? '' : '\n');
      if (noEol) i++;
      if (l[0] === '+') out.push(content);
      else {
        assert.equal(src[pos], content, `line ${pos + 1} of the old text`);
        if (l[0] === ' ') out.push(content);
        pos++;
      }
    }
    i--;
  }
  while (pos < src.length) out.push(src[pos++]!);
  return out.join('');
}

function applyEdits(text: string, edits: readonly LineEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** What `git apply` (a real patch tool) makes of the diff: the new bytes, or undefined for a deleted file. */
function gitApply(before: string | undefined, diff: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'strata-diff-'));
  try {
    if (before !== undefined) writeFileSync(join(dir, 'f'), before);
    writeFileSync(join(dir, 'p.diff'), diff);
    execFileSync('git', ['apply', 'p.diff'], { cwd: dir, stdio: 'pipe' });
    try {
      return readFileSync(join(dir, 'f'), 'utf8');
    } catch {
      return undefined;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const numbered = (n: number, f = (i: number) => `l${i}`) => Array.from({ length: n }, (_, i) => `${f(i)}\n`).join('');

describe('line diff', () => {
  it('prints hunks with 3 lines of context and merges nearby changes', () => {
    const a = numbered(20);
    const b = a.replace('l2\n', 'L2\n').replace('l5\n', 'L5\n').replace('l17\n', '');
    const d = unifiedDiff('f', a, b);
    assert.equal((d.match(/^@@/gm) ?? []).length, 2, 'l2 and l5 share a hunk, l17 has its own');
    assert.ok(d.startsWith('--- a/f\n+++ b/f\n@@ -1,9 +1,9 @@\n l0\n l1\n-l2\n+L2\n'), d);
    assert.equal(applyUnified(a, d), b);
  });

  it('is empty for equal texts and uses /dev/null for created and deleted files', () => {
    assert.equal(unifiedDiff('f', 'x\n', 'x\n'), '');
    assert.equal(unifiedDiff('f', undefined, 'x\n'), '--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
    assert.equal(unifiedDiff('f', 'x\n', undefined), '--- a/f\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n');
    assert.deepEqual(lineEdits('x\n', 'x\n'), []);
  });

  it('diffs and edits apply back to the new text (randomised, with and without a final newline)', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let t = 0; t < 300; t++) {
      const a = Array.from({ length: rnd(30) }, () => `v${rnd(6)}`);
      const b = a.flatMap((l) => (rnd(5) === 0 ? [] : rnd(6) === 0 ? [l, `n${rnd(9)}`] : [rnd(7) === 0 ? `c${rnd(4)}` : l]));
      const text = (ls: string[]) => (ls.length ? ls.join('\n') + (rnd(3) === 0 ? '' : '\n') : '');
      const [at, bt] = [text(a), text(b)];
      assert.equal(applyUnified(at, unifiedDiff('f', at, bt)), bt, `diff, case ${t}`);
      assert.equal(applyEdits(at, lineEdits(at, bt)), bt, `edits, case ${t}`);
    }
  });

  it('edits replace only the changed lines', () => {
    const a = numbered(100);
    const b = a.replace('l40\n', 'changed\n').replace('l41\n', 'l41\nadded\n');
    const at40 = a.indexOf('l40\n');
    assert.deepEqual(lineEdits(a, b), [
      { start: at40, end: at40 + 4, text: 'changed\n' },
      { start: at40 + 8, end: at40 + 8, text: 'added\n' },
    ]);
  });

  describe('no newline at end of file', () => {
    const cases: { name: string; before: string | undefined; after: string | undefined; diff?: string }[] = [
      { name: 'only a final newline added', before: 'a\nb', after: 'a\nb\n', diff: '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n' },
      { name: 'only the final newline removed', before: 'a\nb\n', after: 'a\nb', diff: '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n' },
      {
        name: 'the last line changed, neither side ending in a newline',
        before: 'a\nb',
        after: 'a\nc',
        diff: '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
      },
      {
        name: 'a change next to a last line without newline (in the context)',
        before: 'a\nb\nc',
        after: 'a\nB\nc',
        diff: '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n',
      },
      { name: 'a change far from a last line without newline', before: `x\n${numbered(10)}end`, after: `y\n${numbered(10)}end` },
      { name: 'a new file without newline', before: undefined, after: 'x', diff: '--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n\\ No newline at end of file\n' },
      { name: 'a deleted file without newline', before: 'x', after: undefined, diff: '--- a/f\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n\\ No newline at end of file\n' },
    ];
    for (const c of cases) {
      it(`${c.name}: a hunk git apply turns into the exact new text; the edits too`, () => {
        const d = unifiedDiff('f', c.before, c.after);
        assert.match(d, /^@@ /m, 'a hunk');
        if (c.diff) assert.equal(d, c.diff);
        assert.equal(gitApply(c.before, d), c.after);
        if (c.before !== undefined && c.after !== undefined) {
          const edits = lineEdits(c.before, c.after);
          assert.ok(edits.length > 0, 'an edit');
          assert.equal(applyEdits(c.before, edits), c.after);
        }
      });
    }
    it('a final newline added is an edit of the last line only', () => {
      assert.deepEqual(lineEdits('a\nb', 'a\nb\n'), [{ start: 2, end: 3, text: 'b\n' }]);
    });
  });

  describe('a 10,000-line file', () => {
    const before = numbered(10000, (i) => `- id: entity-${i}`);
    it('every tenth line changed: an exact diff and edits that apply back', () => {
      const after = numbered(10000, (i) => (i % 10 === 5 ? `changed: - id: entity-${i}` : `- id: entity-${i}`));
      const d = unifiedDiff('f', before, after);
      assert.equal((d.match(/^-/gm) ?? []).length - 1, 1000, 'only the changed lines are removed');
      assert.equal(applyUnified(before, d), after);
      const edits = lineEdits(before, after);
      assert.equal(edits.length, 1000);
      assert.equal(applyEdits(before, edits), after);
    });
    it('every line changed: past the search limit, one block between the common head and tail that still applies', () => {
      const after = `- id: entity-0\n${numbered(9998, (i) => `  - id: entity-${i + 1}`)}- id: entity-9999\n`;
      const d = unifiedDiff('f', before, after);
      assert.equal((d.match(/^@@/gm) ?? []).length, 1);
      assert.match(d, /^@@ -1,10000 \+1,10000 @@\n - id: entity-0\n-- id: entity-1\n/m);
      assert.equal(applyUnified(before, d), after);
      assert.equal(applyEdits(before, lineEdits(before, after)), after);
    });
    it('diffs in memory that grows with the file, not its square (peak RSS of a fresh process)', () => {
      const bench = resolve(__dirname, '../../bench/diff.js');
      for (const kind of ['every-10th', 'rewrite']) {
        const r = JSON.parse(execFileSync(process.execPath, [bench, '10000', kind], { encoding: 'utf8' })) as { peakRssMb: number; baseRssMb: number };
        // The file is 0.2 MB; quadratic search tables take 300 MB and more at this size.
        assert.ok(r.peakRssMb - r.baseRssMb < 80, `${kind}: ${(r.peakRssMb - r.baseRssMb).toFixed(0)} MB`);
      }
    });
  });
});
