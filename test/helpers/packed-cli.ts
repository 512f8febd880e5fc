/**
 * The CLI as a user gets it: `npm pack` of the repository (its built dist/), installed by npm into
 * a fresh folder. Packed once per test process; `npm run build` must have run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../../..');
export const PACKAGE_NAME = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string }).name;

let tarball: string | undefined;

/** Why the packed CLI cannot be had here, or undefined. */
export function packedCliUnavailable(): string | undefined {
  return existsSync(join(REPO, 'dist/cli.js')) ? undefined : 'dist/ is not built (npm run build)';
}

/** The tarball of `npm pack` (its scripts skipped: dist/ is already built). */
export function packTarball(): string {
  if (tarball) return tarball;
  const dest = mkdtempSync(join(tmpdir(), 'strata-pack-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dest], { cwd: REPO, encoding: 'utf8' });
  tarball = join(dest, out.trim().split('\n').pop()!);
  return tarball;
}

/** A folder where `npm install <tarball>` has put the package; its `node_modules/.bin` holds `strata`. */
export function installPacked(into = mkdtempSync(join(tmpdir(), 'strata-installed-'))): { dir: string; bin: string } {
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', packTarball()], { cwd: into, encoding: 'utf8' });
  return { dir: into, bin: join(into, 'node_modules/.bin') };
}
