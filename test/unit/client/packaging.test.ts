/**
 * What the .vsix ships: `.vscodeignore` is a whitelist, so the package holds the two bundles, the
 * schemas, the grammar, README, CHANGELOG, LICENSE and the icon, and never node_modules.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '../../../..');
const VSCE = join(REPO, 'node_modules/@vscode/vsce/vsce');
const vsce = (...args: string[]) => spawnSync(process.execPath, [VSCE, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });

describe('packaging', () => {
  it('.vscodeignore excludes everything, then allows only named files', () => {
    const lines = readFileSync(join(REPO, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    for (const l of lines.slice(1)) assert.match(l, /^!/, `not a whitelist entry: ${l}`);
  });

  it('the package lists exactly the bundles, schemas, grammar, docs and icon', () => {
    const r = vsce('ls', '--no-dependencies');
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n').sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/client.js',
      'dist/strata.js',
      'images/icon.png',
      'package.json',
      'schemas/strata-config.schema.json',
      'schemas/topology-root.schema.json',
      'schemas/topology.schema.json',
      'syntaxes/strata-yaml.injection.tmLanguage.json',
    ]);
  });

  it('`vsce package` makes a small .vsix (no node_modules inside)', function () {
    this.timeout(180_000);
    const out = join(mkdtempSync(join(tmpdir(), 'strata-vsix-')), 'strata.vsix');
    const r = vsce('package', '--no-dependencies', '--out', out);
    assert.equal(r.status, 0, r.stderr || r.stdout);
    const kb = statSync(out).size / 1024;
    console.log(`      .vsix: ${kb.toFixed(0)} KB`);
    assert.ok(kb < 2048, `the .vsix grew to ${kb.toFixed(0)} KB`);
    assert.doesNotMatch(r.stdout, /node_modules/);
  });
});
