// Builds web/dist/: a static folder (page, engine worker, Monaco's and monaco-yaml's workers,
// bundled samples) that can be hosted anywhere.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const out = 'web/dist';
mkdirSync(`${out}/samples`, { recursive: true });
// monaco-yaml's worker imports monaco-editor by a deep path that the package's exports map does not allow.
const monacoDeepPaths = {
  name: 'monaco-deep-paths',
  setup(build) {
    build.onResolve({ filter: /^monaco-editor\/esm\// }, (args) => ({ path: join(process.cwd(), 'node_modules', args.path) }));
  },
};
const common = { plugins: [monacoDeepPaths], bundle: true, minify: true, sourcemap: false, logLevel: 'warning', legalComments: 'none', target: 'es2022' };
await Promise.all([
  esbuild.build({ ...common, entryPoints: { main: 'web/src/main.ts' }, outdir: out, format: 'iife', loader: { '.ttf': 'file' } }),
  esbuild.build({ ...common, entryPoints: { 'strata.worker': 'web/src/strata.worker.ts' }, outdir: out, format: 'iife' }),
  esbuild.build({ ...common, entryPoints: { 'editor.worker': 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js' }, outdir: out, format: 'iife' }),
  esbuild.build({ ...common, entryPoints: { 'yaml.worker': 'node_modules/monaco-yaml/yaml.worker.js' }, outdir: out, format: 'iife' }),
]);
cpSync('web/index.html', `${out}/index.html`);
cpSync('web/page.css', `${out}/page.css`);

// The samples the page offers, as one JSON map of path → text each.
for (const name of readdirSync('test-fixtures').filter((d) => d.startsWith('sample-'))) {
  const files = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(join('test-fixtures', name), p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(join('test-fixtures', name));
  writeFileSync(`${out}/samples/${name}.json`, JSON.stringify(files));
}
console.log(`web: built ${out}/`);
