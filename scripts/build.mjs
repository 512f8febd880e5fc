// Bundles the CLI/language server and the VS Code client with esbuild (type checking is `tsc -b`).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderNotices } from './third-party-notices.mjs';

const watch = process.argv.includes('--watch');
const ifStale = process.argv.includes('--if-stale');

const entries = [
  // The program, and the executable that runs it through a V8 code cache (server/src/cli/launch.ts).
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/strata.js', platform: 'node' },
  { entryPoints: ['server/src/cli/launch.ts'], outfile: 'dist/cli.js', platform: 'node', sourcemap: false },
  ...(existsSync('client/src/extension.ts') ? [{ entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', external: ['vscode'] }] : []),
];

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const NOTICES = 'dist/ThirdPartyNotices.txt';

if (ifStale && existsSync(NOTICES) && entries.every((e) => existsSync(e.outfile))) {
  const built = Math.min(...entries.map((e) => statSync(e.outfile).mtimeMs));
  const sources = Math.max(newest('server/src'), newest('client/src'), newest('generators'), newest('schemas'));
  if (sources <= built) process.exit(0);
}

// The oldest Node.js the bundles run on is the one package.json's engines names.
const nodeMajor = /\d+/.exec(JSON.parse(readFileSync('package.json', 'utf8')).engines.node)[0];
// Minified (the source maps keep stack traces readable); license comments go to NOTICES instead.
const common = { bundle: true, format: 'cjs', target: `node${nodeMajor}`, sourcemap: true, logLevel: 'warning', minify: true, legalComments: 'none', metafile: true };
const metafiles = {};
for (const e of entries) {
  const options = { ...common, ...e };
  if (watch) await (await esbuild.context(options)).watch();
  else metafiles[e.outfile] = (await esbuild.build(options)).metafile;
}
if (!watch) writeFileSync(NOTICES, renderNotices(metafiles));
