/**
 * The in-editor suite (@vscode/test-electron): VS Code desktop with this folder as the extension
 * under development, on a copy of test-fixtures/sample-broken, running suite/*.vscode-test.js in
 * its extension host. It needs a VS Code build: STRATA_VSCODE_EXECUTABLE (vscodeExecutablePath),
 * or a download from update.code.visualstudio.com; where neither works it says why it is skipped.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const REPO = join(__dirname, '../../..');
const VERSION = '1.100.3';

async function vscodeBuild(): Promise<{ path: string } | { reason: string }> {
  const given = process.env.STRATA_VSCODE_EXECUTABLE;
  if (given) return { path: given };
  try {
    return { path: await downloadAndUnzipVSCode({ version: VERSION, cachePath: join(REPO, '.vscode-test'), timeout: 30_000 }) };
  } catch (e) {
    return { reason: `no VS Code build: STRATA_VSCODE_EXECUTABLE is unset and the download of VS Code ${VERSION} failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}

describe('in VS Code (@vscode/test-electron)', function () {
  this.timeout(600_000);

  it('activation, diagnostics, hover, definition and commands pass inside the editor', async function () {
    const build = await vscodeBuild();
    if ('reason' in build) {
      console.log(`    skipped: ${build.reason}`);
      this.skip();
    }
    if (process.platform === 'linux' && !process.env.DISPLAY) {
      console.log('    skipped: VS Code desktop needs a display on Linux (run under xvfb-run, or set DISPLAY)');
      this.skip();
    }
    const workspace = join(mkdtempSync(join(tmpdir(), 'strata-electron-')), 'sample-broken');
    cpSync(join(REPO, 'test-fixtures/sample-broken'), workspace, { recursive: true });
    const code = await runTests({
      vscodeExecutablePath: build.path,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: join(__dirname, 'suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { STRATA_TEST_WORKSPACE: workspace },
    });
    assert.equal(code, 0, 'the in-editor suite failed; its output is above');
  });
});
