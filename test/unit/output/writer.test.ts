import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, parseManifest } from '../../../server/src/core/output/manifest';
import type { GeneratorRun, Plan } from '../../../server/src/core/output/plan';
import { applyPlan, unsafePathReason, type WriteMode } from '../../../server/src/node/writer';

function run(generator: string, files: Record<string, string>, status: GeneratorRun['status'] = 'ran'): GeneratorRun {
  return {
    generator,
    status,
    inputHash: `sha256:${generator}-${Object.keys(files).join(',')}`,
    sources: ['topology.yaml'],
    files: Object.entries(files).map(([path, content]) => ({ path, content, generator })),
    diagnostics: [],
    ms: 0,
  };
}
const plan = (...runs: GeneratorRun[]): Plan => ({ runs, prepareMs: 0 });

describe('writer', () => {
  let out: string;
  const apply = (p: Plan, mode: WriteMode = 'write', force = false) => applyPlan(p, { outDir: out, mode, force, tool: 'strata', toolVersion: 'test' });
  const status = (r: ReturnType<typeof apply>) => Object.fromEntries(r.changes.map((c) => [c.path, `${c.status}/${c.action}`]));
  beforeEach(() => {
    out = join(mkdtempSync(join(tmpdir(), 'strata-writer-')), 'out');
  });
  afterEach(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('writes new files, a manifest with their hashes, and leaves no temp files', () => {
    const r = apply(plan(run('docs', { 'docs/a.md': 'A\n', 'docs/sub/b.md': 'B\n' })));
    assert.deepEqual(status(r), { 'docs/a.md': 'new/written', 'docs/sub/b.md': 'new/written' });
    assert.equal(readFileSync(join(out, 'docs/sub/b.md'), 'utf8'), 'B\n');
    const m = parseManifest(readFileSync(join(out, MANIFEST_FILE), 'utf8'))!;
    assert.deepEqual(Object.keys(m.generators.docs!.files), ['docs/a.md', 'docs/sub/b.md']);
    assert.match(m.generators.docs!.files['docs/a.md']!, /^sha256:[0-9a-f]{64}$/);
    const all = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(d, e.name)) : [e.name]));
    assert.deepEqual(
      all(out).filter((n) => n.includes('strata-tmp')),
      [],
    );
  });

  it('dry-run reports new, changed, unchanged and stale with sizes, and touches nothing', () => {
    apply(plan(run('docs', { 'docs/a.md': 'A\n', 'docs/b.md': 'B\n', 'docs/old.md': 'O\n' })));
    const before = readFileSync(join(out, MANIFEST_FILE), 'utf8');
    const r = apply(plan(run('docs', { 'docs/a.md': 'A\n', 'docs/b.md': 'B2\n', 'docs/c.md': 'C\n' })), 'dry-run');
    assert.deepEqual(status(r), { 'docs/a.md': 'unchanged/none', 'docs/b.md': 'changed/written', 'docs/c.md': 'new/written', 'docs/old.md': 'stale/removed' });
    assert.equal(r.changes.find((c) => c.path === 'docs/b.md')!.size, 3);
    assert.equal(readFileSync(join(out, 'docs/b.md'), 'utf8'), 'B\n');
    assert.ok(existsSync(join(out, 'docs/old.md')));
    assert.equal(readFileSync(join(out, MANIFEST_FILE), 'utf8'), before);
  });

  it('diff gives unified diffs against the disk, including removals', () => {
    apply(plan(run('docs', { 'docs/a.md': 'one\ntwo\n', 'docs/old.md': 'O\n' })));
    const r = apply(plan(run('docs', { 'docs/a.md': 'one\n2\n' })), 'diff');
    assert.equal(r.changes.find((c) => c.path === 'docs/a.md')!.diff, '--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n');
    assert.equal(r.changes.find((c) => c.path === 'docs/old.md')!.diff, '--- a/docs/old.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-O\n');
    assert.equal(readFileSync(join(out, 'docs/a.md'), 'utf8'), 'one\ntwo\n');
  });

  it('removes stale files it wrote (and emptied folders), never files it did not write', () => {
    apply(plan(run('docs', { 'docs/a.md': 'A\n', 'docs/sub/gone.md': 'G\n' })));
    writeFileSync(join(out, 'docs/mine.md'), 'user file\n');
    const r = apply(plan(run('docs', { 'docs/a.md': 'A\n' })));
    assert.deepEqual(status(r), { 'docs/a.md': 'unchanged/none', 'docs/sub/gone.md': 'stale/removed' });
    assert.ok(!existsSync(join(out, 'docs/sub')));
    assert.equal(readFileSync(join(out, 'docs/mine.md'), 'utf8'), 'user file\n');
  });

  it('a file edited by hand is reported and kept until --force', () => {
    apply(plan(run('docs', { 'docs/a.md': 'A\n', 'docs/stale.md': 'S\n' })));
    writeFileSync(join(out, 'docs/a.md'), 'A edited\n');
    writeFileSync(join(out, 'docs/stale.md'), 'S edited\n');
    const next = plan(run('docs', { 'docs/a.md': 'A2\n' }));
    const r = apply(next);
    assert.deepEqual(status(r), { 'docs/a.md': 'edited/blocked', 'docs/stale.md': 'edited/blocked' });
    assert.equal(readFileSync(join(out, 'docs/a.md'), 'utf8'), 'A edited\n');
    assert.ok(existsSync(join(out, 'docs/stale.md')));
    assert.deepEqual(status(apply(next)), { 'docs/a.md': 'edited/blocked', 'docs/stale.md': 'edited/blocked' }, 'still detected on the next run');
    const forced = apply(next, 'write', true);
    assert.deepEqual(status(forced), { 'docs/a.md': 'edited/written', 'docs/stale.md': 'edited/removed' });
    assert.equal(readFileSync(join(out, 'docs/a.md'), 'utf8'), 'A2\n');
  });

  it('a file that exists without being in the manifest is not overwritten without --force', () => {
    mkdirSync(join(out, 'docs'), { recursive: true });
    writeFileSync(join(out, 'docs/a.md'), 'from the old toolchain\n');
    const r = apply(plan(run('docs', { 'docs/a.md': 'A\n' })));
    assert.equal(r.changes[0]!.action, 'blocked');
    assert.match(r.changes[0]!.reason!, /not written by Strata/);
    assert.equal(readFileSync(join(out, 'docs/a.md'), 'utf8'), 'from the old toolchain\n');
  });

  it('refuses every path outside the output folder', () => {
    for (const bad of ['../escape.txt', '/etc/passwd', 'a/../../x', 'a\\b', 'C:/x', 'a//b', './a', 'x\0y', MANIFEST_FILE, '']) assert.ok(unsafePathReason(bad), bad);
    const r = apply(plan(run('docs', { '../escape.txt': 'x', 'docs/ok.md': 'ok\n' })));
    assert.deepEqual(status(r), { '../escape.txt': 'refused/blocked', 'docs/ok.md': 'new/written' });
    assert.ok(!existsSync(join(out, '../escape.txt')));
  });

  it('does not write through a symlinked folder that leads outside', () => {
    const outside = join(out, '..', 'outside');
    mkdirSync(outside, { recursive: true });
    mkdirSync(out, { recursive: true });
    symlinkSync(outside, join(out, 'link'));
    const r = apply(plan(run('docs', { 'link/x.md': 'x\n' })));
    assert.equal(r.changes[0]!.status, 'refused');
    assert.deepEqual(readdirSync(outside), []);
  });

  it('keeps the files and manifest entries of skipped, failed and unselected generators', () => {
    apply(plan(run('docs', { 'docs/a.md': 'A\n' }), run('ansible', { 'ansible/h.yml': 'h\n' }), run('terraform-proxmox', { 'terraform/proxmox/a.tf': 'x\n' })));
    const r = apply(plan(run('docs', {}, 'skipped'), run('ansible', {}, 'failed')));
    assert.deepEqual(status(r), { 'docs/a.md': 'kept/none' });
    for (const f of ['docs/a.md', 'ansible/h.yml', 'terraform/proxmox/a.tf']) assert.ok(existsSync(join(out, f)), f);
    const m = parseManifest(readFileSync(join(out, MANIFEST_FILE), 'utf8'))!;
    assert.deepEqual(Object.keys(m.generators).sort(), ['ansible', 'docs', 'terraform-proxmox']);
  });

  it('two generators may not plan the same path', () => {
    const r = apply(plan(run('docs', { 'x.md': '1\n' }), run('ansible', { 'x.md': '2\n' })));
    assert.deepEqual(status(r), { 'x.md': 'refused/blocked' }, 'the second claim is refused; the first is written');
    assert.equal(readFileSync(join(out, 'x.md'), 'utf8'), '1\n');
  });
});
