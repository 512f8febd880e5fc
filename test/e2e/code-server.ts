/**
 * A real VS Code for the end-to-end suite: code-server (VS Code 1.100 for the web), installed by
 * ../shared/tools/setup-code-server.sh, with the packaged .vsix installed into a private
 * extensions folder and a private user-data folder, serving one workspace folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait';

export const REPO = join(__dirname, '../../..');

/** The launcher, or why there is none (the suite reports its tests as skipped with that reason). */
export function findCodeServer(): { path: string } | { reason: string } {
  const path = process.env.STRATA_CODE_SERVER ?? join(homedir(), '.cache/strata-code-server/node_modules/.bin/code-server');
  if (!existsSync(path)) return { reason: `code-server not found at ${path}: run ../shared/tools/setup-code-server.sh and set STRATA_CODE_SERVER to the path it prints` };
  // setup-code-server.sh marks a finished install; a half-built one starts but cannot open files.
  if (!process.env.STRATA_CODE_SERVER && !existsSync(join(path, '../../../.complete')))
    return { reason: `code-server at ${path} is not completely installed: run ../shared/tools/setup-code-server.sh again` };
  if (!existsSync(chromiumPath())) return { reason: `Chromium not found at ${chromiumPath()}: apt-get install chromium (setup-code-server.sh does)` };
  return { path };
}

export function chromiumPath(): string {
  return process.env.CHROMIUM ?? '/usr/bin/chromium';
}

/** `vsce package` of the built bundles, the same command as `npm run package`. */
export function packageVsix(outDir: string): string {
  const out = join(outDir, 'strata.vsix');
  const vsce = join(REPO, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`vsce package failed: ${r.stderr || r.stdout}`);
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningCodeServer {
  url(folder: string): string;
  log(): string;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, tips or updates. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 150,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

export async function startCodeServer(launcher: string, vsix: string): Promise<RunningCodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'strata-cs-'));
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const install = spawnSync(launcher, ['--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', userData], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) throw new Error(`code-server --install-extension failed: ${install.stderr || install.stdout}`);
  const port = await freePort();
  let output = '';
  const proc: ChildProcess = spawn(
    launcher,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    'code-server to answer /healthz',
    async () => {
      if (proc.exitCode !== null) throw new Error(`code-server exited (${proc.exitCode}):\n${output}`);
      return fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    60_000,
  );
  return {
    url: (folder) => `${base}/?folder=${encodeURIComponent(folder)}`,
    log: () => output,
    stop: async () => {
      if (proc.exitCode !== null || proc.pid === undefined) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      process.kill(-proc.pid, 'SIGTERM');
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (proc.exitCode === null) process.kill(-proc.pid, 'SIGKILL');
    },
  };
}
