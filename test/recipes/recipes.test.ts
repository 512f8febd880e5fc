/**
 * The recipes in docs/recipes: each parses as its tool reads it, and the GitHub Actions workflow's
 * commands run as written against the packed package. Every README, doc and recipe installs the CLI
 * by this repository's package name and never runs a command that npm could fetch by another name.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { installPacked, PACKAGE_NAME, packTarball, packedCliUnavailable, REPO } from '../helpers/packed-cli';

const RECIPES = join(REPO, 'docs/recipes');
const read = (p: string) => readFileSync(join(REPO, p), 'utf8');
const ENGINES_MAJOR = Number(/\d+/.exec((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node)![0]);

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
const workflow = () => parseYaml(read('docs/recipes/github-actions.yml')) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const steps = () => Object.values(workflow().jobs)[0]!.steps;

/** Commands that could run or install somebody else's package called `strata`. */
function foreignStrata(text: string): string[] {
  const bad: string[] = [];
  const patterns = [
    /\bnpx\s+(?!--no-install\b)(?:-\S+\s+)*strata(?![\w-])/g, // npx fetches what is not installed
    /\b(?:npm\s+exec|pnpm\s+dlx|yarn\s+dlx|bunx)\s+(?:-\S+\s+)*strata(?![\w-])/g,
    /\b(?:npm|pnpm|yarn|bun)\s+(?:i|install|add)\b[^\n`]*?\s(?:-\S+\s+)*strata(?![\w-])/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) bad.push(m[0]);
  return bad;
}

function docFiles(): string[] {
  const out = ['README.md', 'ARCHITECTURE.md', '.pre-commit-hooks.yaml'];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(REPO, dir))) {
      const p = join(dir, name);
      if (statSync(join(REPO, p)).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('docs');
  return out;
}

function bash(script: string, cwd: string, path: string) {
  return spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, PATH: path } });
}

describe('recipes', function () {
  this.timeout(300_000);

  it('no README, doc or recipe runs or installs a package by the bare name strata', () => {
    // The scan itself catches what it must, and lets the safe forms through.
    assert.deepEqual(foreignStrata('npx strata check .\nnpx -y strata\nnpm i -g strata\nnpm install --save-dev strata@1'), [
      'npx strata',
      'npx -y strata',
      'npm i -g strata',
      'npm install --save-dev strata',
    ]);
    assert.deepEqual(foreignStrata(`npx --no-install strata check .\nnpm i -D ${PACKAGE_NAME}\nnpm i -g ${PACKAGE_NAME}`), []);
    for (const f of docFiles()) assert.deepEqual(foreignStrata(read(f)), [], f);
    assert.ok(read('README.md').includes(`npm i -D ${PACKAGE_NAME}`), 'README installs the CLI by its package name');
  });

  it("GitHub Actions: write access to code scanning, the engines' Node.js, SARIF uploaded even when the check fails", () => {
    const wf = workflow();
    assert.equal(wf.permissions['security-events'], 'write');
    const setup = steps().find((s) => s.uses?.startsWith('actions/setup-node@'));
    assert.equal(Number(setup?.with?.['node-version']), ENGINES_MAJOR);
    const upload = steps().find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.if, 'always()');
    assert.equal(upload?.with?.sarif_file, 'strata.sarif');
    const runs = steps()
      .filter((s) => s.run)
      .map((s) => s.run!);
    assert.ok(
      runs.some((r) => new RegExp(`\\bnpm install\\b.*\\s${PACKAGE_NAME}$`).test(r.trim())),
      `installs ${PACKAGE_NAME}: ${runs.join(' | ')}`,
    );
    assert.ok(runs.some((r) => /npx --no-install strata check . --format sarif > strata\.sarif/.test(r)));
  });

  describe('GitHub Actions run steps, executed against the packed package', () => {
    before(function () {
      const reason = packedCliUnavailable();
      if (reason) {
        console.log(`      skipped: ${reason}`);
        this.skip();
      }
      console.log(`      packed: ${relative(tmpdir(), packTarball())}`);
    });

    /** Each `run:` of the workflow in a copy of `sample`, the install step given the tarball for the name. */
    function runWorkflow(sample: string) {
      const repo = mkdtempSync(join(tmpdir(), 'strata-actions-'));
      cpSync(join(REPO, 'test-fixtures', sample), repo, { recursive: true });
      const results = [];
      for (const step of steps().filter((s) => s.run)) {
        const script = step.run!.replace(new RegExp(`(?<=\\s)${PACKAGE_NAME}(?=\\s|$)`), packTarball());
        results.push({ script, ...bash(script, repo, process.env.PATH!) });
        if (results.at(-1)!.status !== 0) break;
      }
      return { repo, results };
    }

    it('a clean repository: every step succeeds and strata.sarif is SARIF 2.1.0 without results', () => {
      const { repo, results } = runWorkflow('sample-refactored');
      for (const r of results) assert.equal(r.status, 0, `${r.script}\n${r.stderr}`);
      assert.equal(results.length, steps().filter((s) => s.run).length);
      const sarif = JSON.parse(readFileSync(join(repo, 'strata.sarif'), 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: { level: string }[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs[0]!.tool.driver.name, 'strata');
      assert.deepEqual(
        sarif.runs[0]!.results.filter((x) => x.level === 'error'),
        [],
      );
    });

    it('a broken repository: the check step fails the job and still leaves the SARIF to upload', () => {
      const { repo, results } = runWorkflow('sample-broken');
      assert.equal(results.at(-1)!.status, 1, results.at(-1)!.stderr);
      assert.match(results.at(-1)!.script, /strata check/);
      const sarif = JSON.parse(readFileSync(join(repo, 'strata.sarif'), 'utf8')) as { runs: { results: { ruleId: string; level: string }[] }[] };
      assert.ok(
        sarif.runs[0]!.results.some((x) => x.level === 'error'),
        'the errors are in the SARIF',
      );
    });

    it('installed by npm, the package holds the executable, its program and the notices, and no other file of the repository', () => {
      const { dir } = installPacked();
      const pkgDir = join(dir, 'node_modules', PACKAGE_NAME);
      const files = (d: string): string[] => readdirSync(join(pkgDir, d), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
      // npm always adds `main`, the extension's client: the one file the CLI does not need.
      assert.deepEqual(files('').sort(), ['LICENSE', 'README.md', 'dist/ThirdPartyNotices.txt', 'dist/cli.js', 'dist/client.js', 'dist/strata.js', 'package.json']);
      const r = spawnSync(join(dir, 'node_modules/.bin/strata'), ['--version'], { encoding: 'utf8' });
      assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/, r.stderr);
    });
  });

  it('Helix: languages.toml parses as TOML and starts `strata lsp --stdio` for YAML', async () => {
    const { parse: parseToml } = await import('smol-toml'); // an ES module
    const toml = parseToml(readFileSync(join(RECIPES, 'helix-languages.toml'), 'utf8')) as {
      'language-server': Record<string, { command: string; args: string[] }>;
      language: { name: string; 'language-servers': string[] }[];
    };
    assert.deepEqual({ ...JSON.parse(JSON.stringify(toml['language-server'].strata)) }, { command: 'strata', args: ['lsp', '--stdio'], config: { strata: { rules: {} } } });
    assert.ok(toml.language.find((l) => l.name === 'yaml')?.['language-servers'].includes('strata'));
  });

  it('Zed: the settings parse as JSON and give YAML the strata server started by `strata lsp --stdio`', () => {
    const zed = JSON.parse(readFileSync(join(RECIPES, 'zed-settings.json'), 'utf8')) as {
      lsp: Record<string, { binary: { path: string; arguments: string[] } }>;
      languages: Record<string, { language_servers: string[] }>;
    };
    assert.deepEqual(zed.lsp.strata!.binary, { path: 'strata', arguments: ['lsp', '--stdio'] });
    assert.ok(zed.languages.YAML!.language_servers.includes('strata'));
  });
});
