/**
 * Applies a set of file changes inside a workspace folder: each file is written to a temp file in
 * its own folder and renamed over the target, so a reader never sees half a file. Deletions come
 * last, after every write succeeded. Paths are workspace-relative and must stay inside it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FileWrite {
  path: string;
  /** New content, or undefined to delete the file. */
  text: string | undefined;
}

function target(root: string, rel: string): string {
  if (rel === '' || rel.includes('\0') || rel.includes('\\') || path.isAbsolute(rel) || rel.split('/').some((p) => p === '..' || p === '.' || p === '')) {
    throw new Error(`refusing to write outside the workspace: ${rel}`);
  }
  return path.join(root, ...rel.split('/'));
}

export function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.strata-tmp-${randomBytes(6).toString('hex')}`);
  try {
    fs.writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes every change under `root`; returns the paths written and removed. */
export function applyFileWrites(root: string, writes: readonly FileWrite[]): { written: string[]; removed: string[] } {
  const written: string[] = [];
  const removed: string[] = [];
  const resolved = writes.map((w) => ({ ...w, abs: target(root, w.path) }));
  for (const w of resolved) {
    if (w.text === undefined) continue;
    writeFileAtomic(w.abs, w.text);
    written.push(w.path);
  }
  for (const w of resolved) {
    if (w.text !== undefined) continue;
    fs.rmSync(w.abs, { force: true });
    removed.push(w.path);
  }
  return { written, removed };
}
