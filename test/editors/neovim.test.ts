import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installPacked } from '../helpers/packed-cli';
import { writeTree } from '../helpers/workspace-files';
import { WITH_DANGLING_REF } from '../protocol/workspace';

const REPO = resolve(__dirname, '../../..');
const CLI = join(REPO, 'dist/cli.js');

/** A real editor: headless Neovim's built-in LSP client starting `node dist/cli.js lsp --stdio`. */
describe('Neovim (headless) as a client', () => {
  let dir = '';
  before(function () {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    const reason = nvim.error || nvim.status !== 0 ? 'nvim is not installed (apt-get install neovim)' : !existsSync(CLI) ? `${CLI} is not built (npm run build)` : undefined;
    if (reason) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'strata-nvim-'));
    writeTree(dir, WITH_DANGLING_REF);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('shows diagnostics and goes to definition', async () => {
    const out = join(dir, 'result.json');
    const env = { ...process.env, STRATA_ROOT: dir, STRATA_OUT: out, STRATA_CLI: CLI, STRATA_NODE: process.execPath };
    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(REPO, 'test/editors/neovim-init.lua')], { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    assert.equal(code, 0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      error?: string;
      got_diagnostics: boolean;
      diagnostics: { code: string; lnum: number; col: number }[];
      definition: { uri?: string; targetUri?: string; range?: { start: { line: number } }; targetSelectionRange?: { start: { line: number } } }[];
    };
    assert.equal(result.error, undefined);
    assert.ok(result.got_diagnostics);
    assert.deepEqual(result.diagnostics, [{ code: 'ref-unknown', lnum: 5, col: 23 }]);
    // Neovim declares linkSupport, so the answer is a LocationLink.
    const def = result.definition[0];
    assert.equal(def?.targetUri ?? def?.uri, pathToFileURL(join(dir, 'topology/L1-foundation.yaml')).href);
    assert.equal((def?.targetSelectionRange ?? def?.range)?.start.line, 5);
  });

  it('docs/recipes/neovim.lua, loaded as an init.lua, starts `strata` from PATH (the packed package) and shows diagnostics and lenses', async function () {
    this.timeout(120_000);
    const out = join(dir, 'recipe-result.json');
    const { bin } = installPacked();
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      STRATA_OUT: out,
      STRATA_RECIPE: join(REPO, 'docs/recipes/neovim.lua'),
      STRATA_FILE: join(dir, 'topology/L5-application/services/svc-dns.yaml'),
    };
    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(REPO, 'test/editors/neovim-recipe.lua')], { cwd: dir, env, stdio: 'ignore' });
    assert.equal(await new Promise<number | null>((done) => child.on('exit', done)), 0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      error?: string;
      filetype: string;
      got_diagnostics: boolean;
      codes: string[];
      got_lenses: boolean;
      show_references: boolean;
      errmsg: string;
    };
    assert.equal(result.error, undefined);
    assert.equal(result.filetype, 'yaml');
    assert.ok(result.got_diagnostics);
    assert.deepEqual(result.codes, ['ref-unknown']);
    assert.ok(result.got_lenses, 'the recipe refreshed the "N references" lenses');
    assert.ok(result.show_references);
    assert.equal(result.errmsg, '');
  });
});
