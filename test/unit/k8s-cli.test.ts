import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../server/src/cli/main';

const SAMPLE = resolve(__dirname, '../../../test-fixtures/k8s-sample');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), version: '0.0.0-test' });
  return { code, out, err };
}

describe('strata k8s new and strata check --only', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-k8s-'));
    cpSync(SAMPLE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a service that strata check --only k8s finds clean, and never a manifest', async () => {
    const res = await run(['k8s', 'new', 'jellyfin', '--exposed', '--storage', '1Ti', '--metrics', '--image', 'docker.io/jellyfin/jellyfin:10.9.7', '--port', '8096', dir]);
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /service jellyfin: 8 files written/);
    assert.ok(existsSync(join(dir, 'kubernetes/base/jellyfin/ingressroute.yaml')));
    assert.ok(existsSync(join(dir, 'flux/apps/jellyfin.yaml')));
    assert.ok(!readdirSync(dir).includes('.strata-manifest.json'), 'scaffolded sources are not recorded as generated output');
    const check = await run(['check', dir, '--only', 'k8s']);
    assert.equal(check.code, 0, check.out);
    assert.match(check.out, /^0 errors, 0 warnings/m);
  });

  it('refuses an existing folder and writes nothing', async () => {
    const res = await run(['k8s', 'new', 'postgres', dir]);
    assert.equal(res.code, 1);
    assert.match(res.err, /kubernetes\/base\/postgres already exists; the scaffold never overwrites/);
  });

  it('writes nothing with --dry-run, and prints a diff with --diff', async () => {
    const dry = await run(['k8s', 'new', 'radarr', dir, '--dry-run', '--image', 'lscr.io/linuxserver/radarr:5.8.3']);
    assert.equal(dry.code, 0);
    assert.match(dry.out, /new .* kubernetes\/base\/radarr\/deployment\.yaml/);
    const diff = await run(['k8s', 'new', 'radarr', dir, '--diff', '--image', 'lscr.io/linuxserver/radarr:5.8.3']);
    assert.match(diff.out, /^\+\+\+ b\/flux\/apps\/radarr\.yaml$/m);
    assert.ok(!existsSync(join(dir, 'kubernetes/base/radarr')));
  });

  it('takes the repository as DIR after the name, like every command; --dir still works, with a note', async () => {
    const res = await run(['k8s', 'new', 'radarr', dir, '--dry-run']);
    assert.equal(res.code, 0, res.err);
    assert.match(res.out, /kubernetes\/base\/radarr\/deployment\.yaml/);
    assert.doesNotMatch(res.err, /deprecated/);
    const legacy = await run(['k8s', 'new', 'radarr', '--dir', dir, '--dry-run']);
    assert.equal(legacy.code, 0, legacy.err);
    assert.equal(legacy.out, res.out);
    assert.match(legacy.err, /--dir is deprecated; pass the folder after the name: strata k8s new radarr /);
    const both = await run(['k8s', 'new', 'radarr', dir, '--dir', dir]);
    assert.equal(both.code, 2);
    assert.match(both.err, /give DIR once/);
    const written = await run(['k8s', 'new', 'sonarr', dir]);
    assert.equal(written.code, 0, written.err);
    assert.match(written.out, /check them with: strata check \S+ --only k8s\n$/);
    assert.ok(written.out.includes(`strata check ${dir} --only k8s`));
  });

  it('rejects bad arguments as usage errors', async () => {
    assert.equal((await run(['k8s', 'new', 'web', dir, '--port', 'eighty'])).code, 2);
    assert.equal((await run(['k8s', 'remove', 'web'])).code, 2);
    assert.equal((await run(['check', dir, '--only', 'everything'])).code, 2);
  });

  it('reports Kubernetes findings by default and not with --only topology', async () => {
    rmSync(join(dir, 'flux/apps/postgres.yaml'));
    const all = await run(['check', dir]);
    assert.equal(all.code, 1);
    assert.match(all.out, /kubernetes\/base\/postgres\/deployment\.yaml:4:9: error k8s-flux-missing/);
    const topo = await run(['check', dir, '--only', 'topology']);
    assert.doesNotMatch(topo.out, /k8s-/);
  });

  it('checks only YAML syntax in a tree without the house layout, and says so', async () => {
    rmSync(join(dir, 'flux'), { recursive: true });
    rmSync(join(dir, 'kubernetes/base/postgres/README.md'));
    const res = await run(['check', dir, '--only', 'k8s']);
    assert.equal(res.code, 0, res.out);
    assert.match(res.out, /^0 errors, 0 warnings/m);
    assert.match(res.err, /has no flux\/apps beside it and \.strata\.yaml has no kubernetes section; the house rules do not apply/);
  });
});
