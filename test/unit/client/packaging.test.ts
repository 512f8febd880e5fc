/**
 * What the .vsix ships: `.vscodeignore` is a whitelist, so the package holds the two bundles, the
 * schemas, the grammar, the walkthrough's pages, README, CHANGELOG, LICENSE, the third-party notices
 * and the icon, and never node_modules. The bundles are minified, with source maps beside them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '../../../..');
/** The walkthrough's step pages (package.json `contributes.walkthroughs`). */
const WALKTHROUGH_MEDIA = (
  JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] } }
).contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown));
const VSCE = join(REPO, 'node_modules/@vscode/vsce/vsce');
const vsce = (...args: string[]) => spawnSync(process.execPath, [VSCE, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });

const DIST = join(REPO, 'dist');
const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** The npm packages a bundle holds, read from its source map (independently of the build's metafile). */
function packagesIn(bundle: string): { name: string; version: string; dir: string }[] {
  const map = JSON.parse(readFileSync(join(DIST, `${bundle}.map`), 'utf8')) as { sources: string[] };
  const dirs = new Set<string>();
  for (const source of map.sources) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(join(DIST, source));
    if (m) dirs.add(m[1]!);
  }
  return [...dirs].map((dir) => ({ dir, ...(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string }) }));
}

describe('packaging', () => {
  it('ThirdPartyNotices lists every package in the bundles, with the license text it ships', () => {
    const notices = readFileSync(join(DIST, 'ThirdPartyNotices.txt'), 'utf8');
    const packages = [...packagesIn('strata.js'), ...packagesIn('client.js')];
    assert.ok(packages.some((p) => p.name === 'vscode-languageserver') && packages.some((p) => p.name === 'yaml'), 'the maps name the bundled packages');
    for (const p of packages) {
      assert.ok(notices.includes(`\n${p.name} ${p.version} (`), `${p.name} ${p.version} is not listed`);
      for (const f of readdirSync(p.dir).filter((x) => LICENSE_FILE.test(x))) {
        assert.ok(notices.includes(readFileSync(join(p.dir, f), 'utf8').trim()), `${p.name}: ${f} is not quoted`);
      }
    }
    // The executable holds no package of its own: it only loads dist/strata.js.
    assert.doesNotMatch(readFileSync(join(DIST, 'cli.js'), 'utf8'), /node_modules/);
  });

  it('the bundles are minified, each with its source map', () => {
    for (const [bundle, budget] of [
      ['strata.js', 1_700_000],
      ['client.js', 600_000],
    ] as const) {
      const size = statSync(join(DIST, bundle)).size;
      console.log(`      ${bundle}: ${size.toLocaleString('en')} B`);
      assert.ok(size < budget, `${bundle} is ${size} B`);
      assert.ok(existsSync(join(DIST, `${bundle}.map`)), `${bundle}.map`);
      assert.match(readFileSync(join(DIST, bundle), 'utf8'), new RegExp(`//# sourceMappingURL=${bundle}\\.map\\n$`));
    }
  });

  it('.vscodeignore excludes everything, then allows only named files', () => {
    const lines = readFileSync(join(REPO, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    for (const l of lines.slice(1)) assert.match(l, /^!/, `not a whitelist entry: ${l}`);
  });

  it('the package lists exactly the bundles, schemas, grammar, docs and icon', () => {
    const r = vsce('ls', '--no-dependencies');
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n').sort();
    assert.deepEqual(
      files,
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/ThirdPartyNotices.txt',
        'dist/cli.js',
        'dist/client.js',
        'dist/strata.js',
        'images/icon.png',
        'package.json',
        'schemas/strata-config.schema.json',
        'schemas/topology-root.schema.json',
        'schemas/topology.schema.json',
        'syntaxes/strata-yaml.injection.tmLanguage.json',
        ...WALKTHROUGH_MEDIA,
      ].sort(),
    );
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
