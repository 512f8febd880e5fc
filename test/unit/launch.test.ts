import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const CLI = join(REPO, 'dist/cli.js');
const SAMPLE = join(REPO, 'test-fixtures/sample-v4');

function run(cacheDir: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, STRATA_CACHE_DIR: cacheDir, ...env } });
}

const files = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

describe('the strata executable and its code cache', function () {
  this.timeout(60_000);

  it('a check writes the code cache; the next run uses it unchanged and answers the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
    const first = run(dir, ['check', SAMPLE, '--format', 'json']);
    const cache = files(dir)[0] ?? assert.fail(`no cache in ${dir}`);
    assert.ok(cache.endsWith('.bin'), `no cache in ${dir}: ${files(dir).join(', ')}`);
    const written = statSync(join(dir, cache)).mtimeMs;
    const second = run(dir, ['check', SAMPLE, '--format', 'json']);
    assert.equal(second.status, first.status);
    assert.equal(second.stdout, first.stdout);
    assert.equal(statSync(join(dir, cache)).mtimeMs, written, 'an accepted cache is not written again');
  });

  it('a broken cache is refused by V8 and written again; the run is unaffected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
    const clean = run(dir, ['check', SAMPLE]);
    const [cache] = files(dir);
    writeFileSync(join(dir, cache!), 'not a code cache');
    const again = run(dir, ['check', SAMPLE]);
    assert.equal(again.status, clean.status);
    assert.equal(again.stdout, clean.stdout);
    assert.ok(statSync(join(dir, cache!)).size > 100_000, 'the cache was written again');
  });

  it('--version and --help write no cache (they compile little); STRATA_NO_CODE_CACHE=1 writes none at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
    assert.match(run(dir, ['--version']).stdout, /^\d+\.\d+\.\d+/);
    assert.equal(run(dir, ['--help']).status, 0);
    assert.deepEqual(files(dir), []);
    assert.equal(run(dir, ['check', SAMPLE], { STRATA_NO_CODE_CACHE: '1' }).status, 0);
    assert.deepEqual(files(dir), []);
  });

  it('an unwritable cache folder only costs speed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    const r = run(join(blocker, 'sub'), ['check', SAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
