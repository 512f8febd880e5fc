/**
 * The one atomic file writer (migrations, generators, the Kubernetes scaffold). A file is written
 * to a temp file beside it, flushed to disk, given the old file's mode, and renamed over it, so a
 * reader (or a crash) sees the old file or the new one, never half of one. A symlink is written
 * through: its target gets the new content and the link stays a link. A failure removes the temp
 * file this call created, and nothing else.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file-system calls the writer makes; tests pass a wrapper to watch their order or make one fail. */
export type FileOps = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'fchmodSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'statSync' | 'lstatSync' | 'readlinkSync' | 'mkdirSync'>;

/** Marks the writer's temp files, which no planned path may use. */
export const TEMP_MARK = '.strata-tmp-';

/** Links are followed at most this deep, as the kernel does (ELOOP). */
const MAX_LINK_DEPTH = 40;

/** The file a write to `file` lands in: `file` itself, or the end of its chain of symlinks (which may not exist yet). */
export function writeTarget(file: string, ops: FileOps = fs): string {
  let at = path.resolve(file);
  for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
    let link: string;
    try {
      if (!ops.lstatSync(at).isSymbolicLink()) return at;
      link = ops.readlinkSync(at, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return at;
      throw err;
    }
    at = path.resolve(path.dirname(at), link);
  }
  throw Object.assign(new Error(`too many levels of symbolic links: ${file}`), { code: 'ELOOP' });
}

/** The permission bits of an existing file, or undefined for a new one (which gets the umask's default). */
function existingMode(file: string, ops: FileOps): number | undefined {
  try {
    return ops.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

export function writeFileAtomic(file: string, content: string | Uint8Array, ops: FileOps = fs): void {
  const target = writeTarget(file, ops);
  const dir = path.dirname(target);
  const mode = existingMode(target, ops);
  ops.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  // 'wx': the temp file is created by this call or the call fails; a file of that name is never ours to remove.
  const fd = ops.openSync(tmp, 'wx', mode ?? 0o666);
  let renamed = false;
  try {
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let done = 0; done < bytes.length; ) done += ops.writeSync(fd, bytes, done, bytes.length - done);
      // open() applies the umask; the old file's mode is restored exactly.
      if (mode !== undefined) ops.fchmodSync(fd, mode);
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    ops.renameSync(tmp, target);
    renamed = true;
  } finally {
    if (!renamed) removeQuietly(tmp, ops);
  }
  syncFolder(dir);
}

function removeQuietly(file: string, ops: FileOps): void {
  try {
    ops.unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Flushes the folder entry of the rename; not every platform can open a folder, which then is fine. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface FileWrite {
  path: string;
  /** New content, or undefined to delete the file. */
  text: string | undefined;
}

function inside(root: string, rel: string): string {
  if (rel === '' || rel.includes('\0') || rel.includes('\\') || path.isAbsolute(rel) || rel.split('/').some((p) => p === '..' || p === '.' || p === '') || rel.includes(TEMP_MARK)) {
    throw new Error(`refusing to write outside the workspace: ${rel}`);
  }
  const abs = path.join(root, ...rel.split('/'));
  const real = fs.realpathSync(root);
  const lands = writeTarget(abs);
  const landsDir = realFolder(path.dirname(lands));
  if (landsDir !== real && !landsDir.startsWith(real + path.sep)) throw new Error(`refusing to write outside the workspace: ${rel} leads to ${lands}`);
  return abs;
}

/** The real path of a folder, or of its deepest existing ancestor joined with the rest. */
export function realFolder(dir: string): string {
  let existing = dir;
  while (!fs.existsSync(existing) && existing !== path.dirname(existing)) existing = path.dirname(existing);
  return path.join(fs.realpathSync(existing), path.relative(existing, dir));
}

/**
 * Writes every change under `root` (workspace-relative paths, each checked to land inside it, links
 * followed); deletions come last, after every write succeeded. Returns the paths written and removed.
 */
export function applyFileWrites(root: string, writes: readonly FileWrite[]): { written: string[]; removed: string[] } {
  const written: string[] = [];
  const removed: string[] = [];
  const resolved = writes.map((w) => ({ ...w, abs: inside(root, w.path) }));
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
