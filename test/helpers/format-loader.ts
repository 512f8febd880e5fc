/**
 * A loader of topology files written after the format's own include rules, independent of
 * Strata's reader: `!include PATH` relative to the including file's folder, replaced by that
 * file's whole value; `!include_dir_sorted DIR` the regular `.yaml`/`.yml` files below DIR whose
 * name does not start with `_`, by relative POSIX path, lists spliced, empty files skipped.
 * Tests use it to validate a sample against the format's schema without trusting Strata.
 */
import { parse, type ScalarTag } from 'yaml';

/** Files by POSIX path relative to the repository root. */
export type Files = Record<string, string>;

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

function join(dir: string, rel: string): string {
  const out: string[] = [];
  for (const part of `${dir}/${rel}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function loadFile(files: Files, file: string, depth: number): unknown {
  if (depth > 100) throw new Error(`include depth exceeded at ${file}`);
  const text = files[file];
  if (text === undefined) throw new Error(`topology file not found: ${file}`);
  const dir = dirOf(file);
  const include: ScalarTag = { tag: '!include', resolve: (rel) => loadFile(files, join(dir, rel), depth + 1) as never };
  const dirSorted: ScalarTag = {
    tag: '!include_dir_sorted',
    resolve: (rel) => {
      const root = join(dir, rel);
      const found = Object.keys(files)
        .filter((f) => f.startsWith(`${root}/`) && /\.ya?ml$/i.test(f) && !f.slice(f.lastIndexOf('/') + 1).startsWith('_'))
        .map((f) => f.slice(root.length + 1))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const out: unknown[] = [];
      for (const f of found) {
        const value = loadFile(files, `${root}/${f}`, depth + 1);
        if (value === null || value === undefined) continue;
        if (Array.isArray(value)) out.push(...value);
        else out.push(value);
      }
      return out as never;
    },
  };
  return parse(text, { customTags: [include, dirSorted], uniqueKeys: false }) ?? null;
}

/** The whole document `topology.yaml` stands for, as the format's loader builds it. */
export function loadTopology(files: Files, root = 'topology.yaml'): unknown {
  return loadFile(files, root, 0);
}
