import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const CLI = join(REPO, 'dist/cli.js');

function run(args: string[], cwd = REPO): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, join(rel, e.name)) : [join(rel, e.name)]));
}

describe('strata migrate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-migrate-'));
    cpSync(join(REPO, 'test-fixtures/sample-v4'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  // Run from inside the workspace, so printed paths are the workspace's own.
  const inDir = (args: string[]) => run(args, dir);

  it('text paths are relative to the current directory: files, diff headers and fill-in places', () => {
    const name = basename(dir);
    const listed = run(['migrate', name], tmpdir());
    assert.match(listed.out, new RegExp(`^  removed ${name}/topology/L3-data\\.yaml$`, 'm'));
    assert.match(listed.out, new RegExp(`^  ${name}/topology/[^:]+:\\d+:\\d+: info to confirm: `, 'm'));
    const diff = run(['migrate', name, '--diff', '--only', 'platform-type'], tmpdir());
    assert.match(diff.out, new RegExp(`^\\+\\+\\+ b/${name}/topology/L4-platform\\.yaml$`, 'm'));
  });

  it('dry-runs by default: lists files and entities, writes nothing', () => {
    const before = readFileSync(join(dir, 'topology/L3-data.yaml'), 'utf8');
    const r = inDir(['migrate', '.']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}removed topology\/L3-data\.yaml$/m);
    assert.match(r.out, /^ {2}new {5}topology\/L3-data\/storage-endpoints\/se-hdd\.yaml$/m);
    assert.match(r.out, /renamed {2}storage_pool:storage-hdd {2}→ storage_endpoint:se-hdd \(5 refs\)/);
    assert.match(r.out, /files would change; run with --diff/);
    assert.match(r.out, /To fill in or check by hand/);
    assert.equal(readFileSync(join(dir, 'topology/L3-data.yaml'), 'utf8'), before);
  });

  it('--diff prints unified diffs', () => {
    const r = inDir(['migrate', '.', '--diff', '--only', 'service-runtime']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^--- a\/topology\/L5-application\/services\/svc-redis\.yaml\n\+\+\+ b\/topology\/L5-application\/services\/svc-redis\.yaml\n@@ /m);
    assert.match(r.out, /^-lxc_ref: lxc-redis\n/m);
    assert.match(r.out, /^\+runtime:\n\+ {2}type: lxc\n\+ {2}target_ref: lxc-redis\n/m);
  });

  it('--write applies every file atomically; check is then clean of errors; a second run has nothing to do', () => {
    const r = inDir(['migrate', '.', '--write']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote \d+ files, removed 1\./);
    assert.ok(!existsSync(join(dir, 'topology/L3-data.yaml')));
    assert.deepEqual(
      files(dir).filter((f) => f.includes('strata-tmp')),
      [],
    );
    const check = inDir(['check', '.']);
    assert.equal(check.code, 0, check.out);
    assert.match(check.out, /^0 errors, 0 warnings/m);
    assert.match(inDir(['migrate', '.']).out, /^Nothing to migrate\./);
  });

  it('--write keeps file modes and writes through symlinks', () => {
    const redis = join(dir, 'topology/L5-application/services/svc-redis.yaml');
    chmodSync(redis, 0o600);
    mkdirSync(join(dir, 'shared'));
    renameSync(join(dir, 'topology/L4-platform.yaml'), join(dir, 'shared/L4-platform.yaml'));
    symlinkSync('../shared/L4-platform.yaml', join(dir, 'topology/L4-platform.yaml'));
    const r = inDir(['migrate', '.', '--write']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}changed topology\/L4-platform\.yaml$/m);
    assert.match(readFileSync(redis, 'utf8'), /^runtime:$/m);
    assert.equal((statSync(redis).mode & 0o777).toString(8), '600');
    assert.ok(lstatSync(join(dir, 'topology/L4-platform.yaml')).isSymbolicLink());
    assert.match(readFileSync(join(dir, 'shared/L4-platform.yaml'), 'utf8'), /^ {2}platform_type: lxc-unprivileged$/m);
  });

  it('--check lists the pending migrations with their counts and exits 1; 0 once migrated', () => {
    const r = inDir(['migrate', '.', '--check']);
    assert.equal(r.code, 1, r.err);
    const pending = r.out.split('\n').filter((l) => l.startsWith('migration pending: '));
    assert.ok(pending.length >= 5, r.out);
    for (const l of pending) assert.match(l, /^migration pending: [\w-]+ \(.+\): \d+ changes?$/);
    assert.match(r.out, /^migration pending: storage-chain \(Storage pools to an explicit storage chain\): \d+ changes$/m);
    assert.match(r.out, /^\d+ files would change; apply with: strata migrate \S+ --write$/m);
    assert.ok(existsSync(join(dir, 'topology/L3-data.yaml')), 'nothing written');
    assert.equal(inDir(['migrate', '.', '--write']).code, 0);
    const after = inDir(['migrate', '.', '--check']);
    assert.equal(after.code, 0);
    assert.equal(after.out, 'Nothing to migrate.\n');
  });

  it("--format json: the mode, whether anything is pending, the migrations' changes, the files and the fill-ins", () => {
    const r = inDir(['migrate', '.', '--format', 'json', '--only', 'service-runtime']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as {
      mode: string;
      pending: boolean;
      migrations: { id: string; phase: number; changes: { action: string; entity: string }[] }[];
      files: { path: string; status: string }[];
      fillIns: unknown[];
    };
    assert.deepEqual(Object.keys(report), ['mode', 'pending', 'migrations', 'files', 'fillIns']);
    assert.equal(report.mode, 'dry-run');
    assert.equal(report.pending, true);
    assert.deepEqual(
      report.migrations.map((m) => [m.id, m.phase]),
      [['service-runtime', 7]],
    );
    assert.ok(report.migrations[0]!.changes.length > 0);
    assert.ok(report.files.some((f) => f.path === 'topology/L5-application/services/svc-redis.yaml' && f.status === 'changed'));
    const written = JSON.parse(inDir(['migrate', '.', '--format', 'json', '--write']).out) as { mode: string; pending: boolean; written: string[]; removed: string[] };
    assert.equal(written.mode, 'write');
    assert.equal(written.pending, false);
    assert.deepEqual(written.removed, ['topology/L3-data.yaml']);
    assert.equal(JSON.parse(inDir(['migrate', '.', '--format', 'json', '--check']).out).pending, false);
  });

  it('exits 2 when DIR has no topology', () => {
    const empty = mkdtempSync(join(tmpdir(), 'strata-migrate-empty-'));
    const r = run(['migrate', empty, '--check']);
    rmSync(empty, { recursive: true, force: true });
    assert.equal(r.code, 2);
    assert.match(r.err, /no topology\.yaml in .*; nothing to migrate/);
  });

  it('--only narrows the run; unknown ids and two modes are usage errors', () => {
    assert.match(inDir(['migrate', '.', '--only', 'platform-type']).out, /^ {2}changed topology\/L4-platform\.yaml$/m);
    const bad = inDir(['migrate', '.', '--only', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown migration 'nope'/);
    assert.equal(inDir(['migrate', '.', '--diff', '--write']).code, 2);
  });
});
