/**
 * ARCHITECTURE.md is the map of the code, so it must match the folders: every source folder has its
 * place on the map, and every file the map names exists.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const MAP = readFileSync(join(REPO, 'ARCHITECTURE.md'), 'utf8');
const SKIP = new Set(['node_modules', '.git', 'out', 'dist', 'generated', 'test-results', 'golden', 'fixtures', 'precision']);
/** Where source folders live; test-fixtures and docs hold data and prose, not code. */
const SOURCE_ROOTS = ['server/src', 'shared', 'client/src', 'generators', 'web/src', 'test', 'bench', 'scripts'];
const SOURCE = /\.(ts|mjs|cjs|lua)$/;

/** Every file below a folder, repository-relative, with POSIX separators. */
function filesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) filesUnder(p, out);
    } else out.push(relative(REPO, p).split('\\').join('/'));
  }
  return out;
}

function sourceFolders(): string[] {
  const folders = new Set<string>();
  for (const root of SOURCE_ROOTS) for (const f of filesUnder(join(REPO, root))) if (SOURCE.test(f)) folders.add(f.slice(0, f.lastIndexOf('/')));
  return [...folders].sort();
}

/** The file names the map gives in code spans (`analysis.ts`, `src/main.ts`, `docs/format.md#migrations`). */
function namedFiles(): string[] {
  const names = new Set<string>();
  for (const m of MAP.matchAll(/`([\w./<>-]+\.(?:ts|mjs|cjs|lua|md|json))(?:#[\w-]+)?`/g)) if (m[1] && !m[1].includes('<')) names.add(m[1]);
  return [...names].sort();
}

describe('ARCHITECTURE.md, the code map', () => {
  it('gives every source folder its place', () => {
    const missing = sourceFolders().filter((folder) => {
      const last = folder.slice(folder.lastIndexOf('/') + 1);
      return !MAP.includes(`${folder}/`) && !MAP.includes(`${last}/`) && !MAP.includes(`\`${folder}\``);
    });
    assert.deepEqual(missing, [], 'source folders the map does not mention');
  });

  it('names only files that exist', () => {
    const all = filesUnder(REPO);
    const absent = namedFiles().filter((name) => !all.some((f) => f === name || f.endsWith(`/${name}`)));
    assert.deepEqual(absent, [], 'files the map names that are not in the repository');
  });

  it('reads in five minutes', () => {
    const words = MAP.split(/\s+/).filter(Boolean).length;
    assert.ok(words <= 1800, `ARCHITECTURE.md has ${words} words`);
  });
});
