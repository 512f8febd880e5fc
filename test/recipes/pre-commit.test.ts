/**
 * The pre-commit hook of .pre-commit-hooks.yaml, run by the real pre-commit from a clone of this
 * repository: pre-commit installs the package from it (npm install, npm pack, npm install -g the
 * tarball) and runs the hook's entry in a topology repository.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../helpers/packed-cli';

const hooks = () => parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; pass_filenames: boolean; files: string }[];

describe('pre-commit hook', function () {
  this.timeout(900_000);

  it('is a node hook whose entry is `strata check`, run once per commit on topology, Kubernetes and config files', () => {
    const [hook] = hooks();
    assert.equal(hook?.id, 'strata-check');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'strata check');
    assert.equal(hook.pass_filenames, false);
    const files = new RegExp(hook.files);
    for (const p of ['topology.yaml', 'topology/L1-foundation.yaml', 'kubernetes/base/dns/deployment.yaml', 'flux/apps/dns.yaml', '.strata.yaml']) assert.match(p, files);
    for (const p of ['README.md', 'src/topology.yaml.bak', 'generated/hosts.yml']) assert.doesNotMatch(p, files);
  });

  describe('run by pre-commit from a clone of the repository', () => {
    let clone = '';
    let home = '';
    let nodeBin = '';
    before(function () {
      const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
      if (version.error || version.status !== 0) {
        console.log('      skipped: pre-commit is not installed (apt-get install pre-commit)');
        this.skip();
      }
      // A clone holds what is committed, as `rev:` pins it for a user; the hook's package is built from it.
      clone = mkdtempSync(join(tmpdir(), 'strata-hook-clone-'));
      execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPO, clone]);
      home = mkdtempSync(join(tmpdir(), 'strata-pre-commit-home-'));
      // pre-commit uses the machine's Node.js only when it is not inside the home directory (else it
      // downloads one); a CI that fetched its Node.js into ~/.cache gets the same node from /tmp.
      nodeBin = mkdtempSync(join(tmpdir(), 'strata-hook-node-'));
      symlinkSync(process.execPath, join(nodeBin, 'node'));
    });

    function topologyRepo(edit?: (dir: string) => void): string {
      const dir = mkdtempSync(join(tmpdir(), 'strata-hook-repo-'));
      cpSync(join(REPO, 'test-fixtures/sample-refactored'), dir, { recursive: true });
      edit?.(dir);
      const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
      writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: strata-check\n`);
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
      git('init', '--quiet');
      git('add', '-A');
      return dir;
    }

    const preCommit = (dir: string) =>
      spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: home, PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}` },
      });

    it('passes on a clean topology', () => {
      const r = preCommit(topologyRepo());
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /strata check\.+Passed/);
    });

    it('fails on a broken reference, naming the file, the place and the rule', () => {
      const dir = topologyRepo((d) => {
        const file = join(d, 'topology/L5-application/services/svc-grafana.yaml');
        const text = readFileSync(file, 'utf8');
        const broken = text.replace('target_ref: lxc-monitoring', 'target_ref: lxc-monitorng');
        assert.notEqual(broken, text);
        writeFileSync(file, broken);
      });
      const r = preCommit(dir);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /strata check\.+Failed/);
      assert.match(r.stdout, /topology\/L5-application\/services\/svc-grafana\.yaml:6:15: error ref-unknown/);
    });
  });
});
