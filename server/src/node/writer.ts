/**
 * The one writer of generated files (generators and scaffolds only plan; see core/output/plan.ts).
 *
 *   const report = applyPlan(plan, { outDir, mode: 'write', force: false, tool: 'strata', toolVersion });
 *
 * - Every path is checked: relative, no `..`, no absolute or drive paths, no backslashes or NUL,
 *   inside `outDir` after resolving symlinks of existing folders; a file that is a symlink is written
 *   through to its target when that lies inside `outDir` too. A path that fails is refused, never written.
 * - Writes go through the one atomic writer (`atomic-files.ts`): mode kept, flushed, renamed into place.
 * - `.strata-manifest.json` in `outDir` records, per generator, its input hash and the hash of each
 *   file it wrote. A file is removed as stale only when the manifest lists it and its content still
 *   has the listed hash. A file whose content differs from the manifest (edited by hand), or that
 *   exists without being in the manifest, is reported and left alone unless `force` is set.
 * - `dry-run` and `diff` touch nothing; they report the same statuses (and `diff` unified diffs).
 * - Generators not in the plan (disabled, `--only`) keep their manifest entries and files.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptyManifest, MANIFEST_FILE, parseManifest, serializeManifest, unifiedDiff, type Manifest, type Plan } from '../core';
import { realFolder, TEMP_MARK, writeFileAtomic, writeTarget } from './atomic-files';

export type WriteMode = 'write' | 'dry-run' | 'diff';

export interface WriteOptions {
  outDir: string;
  mode: WriteMode;
  /** Overwrite or remove files edited by hand or not written by Strata. */
  force?: boolean;
  /**
   * Keep `.strata-manifest.json` (default). Scaffolds pass false: they plan sources the user owns from
   * then on, which must never be listed for removal as stale generated output.
   */
  manifest?: boolean;
  tool: string;
  toolVersion: string;
  /** Record the previous content of each file written over or removed (the editor's "Show changes"). */
  keepBefore?: boolean;
}

/**
 * new / changed / unchanged: planned files; stale: a file Strata wrote that no longer is planned;
 * edited: differs from what Strata wrote (or was never written by Strata) and needs `force`;
 * kept: a skipped generator's file (inputs unchanged); refused: an unsafe path.
 */
export type FileStatus = 'new' | 'changed' | 'unchanged' | 'stale' | 'edited' | 'kept' | 'refused';

export interface FileChange {
  path: string;
  generator: string;
  status: FileStatus;
  /** Bytes of the planned content (or of the file on disk for stale ones). */
  size: number;
  /** What happened (write mode) or would happen: written, removed, none, blocked. */
  action: 'written' | 'removed' | 'none' | 'blocked';
  reason?: string;
  diff?: string;
  /** With `keepBefore`: the content on disk before this run wrote over or removed the file. */
  before?: string;
}

export interface WriteReport {
  outDir: string;
  mode: WriteMode;
  changes: FileChange[];
  manifest: Manifest;
}

export function sha256File(content: string | Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** Why a planned path is unsafe, or undefined when it is fine. */
export function unsafePathReason(rel: string): string | undefined {
  if (rel === '' || rel.length > 1024) return 'empty or overlong path';
  if (rel.includes('\0')) return 'NUL byte in path';
  if (rel.includes('\\')) return 'backslash in path';
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return 'absolute path';
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return "empty, '.' or '..' path segment";
  if (rel === MANIFEST_FILE) return 'the manifest itself';
  if (parts.some((p) => p.includes(TEMP_MARK))) return 'reserved temp-file name';
  return undefined;
}

class OutputFolder {
  readonly real: string;
  constructor(readonly root: string) {
    this.real = fs.existsSync(root) ? fs.realpathSync(root) : path.resolve(root);
  }

  /** The absolute path for a checked relative path, or why it is refused. */
  resolve(rel: string): { abs?: string; reason?: string } {
    const reason = unsafePathReason(rel);
    if (reason) return { reason };
    const abs = path.resolve(this.root, ...rel.split('/'));
    if (!abs.startsWith(path.resolve(this.root) + path.sep)) return { reason: 'outside the output folder' };
    // The deepest existing ancestor must still be inside the real output folder (no symlinked escape).
    let dir = path.dirname(abs);
    while (!fs.existsSync(dir) && dir !== path.dirname(dir)) dir = path.dirname(dir);
    if (!this.contains(fs.realpathSync(dir))) return { reason: 'a folder on the way is a link outside the output folder' };
    // A symlinked file is written through, so where the link leads must be inside too.
    const target = writeTarget(abs);
    if (target !== abs && !this.contains(realFolder(path.dirname(target)))) return { reason: 'the file is a link outside the output folder' };
    return { abs };
  }

  private contains(realDir: string): boolean {
    return realDir === this.real || realDir.startsWith(this.real + path.sep) || !fs.existsSync(this.root);
  }

  read(abs: string): Buffer | undefined {
    try {
      return fs.readFileSync(abs);
    } catch {
      return undefined;
    }
  }

  writeAtomic(abs: string, content: string): void {
    writeFileAtomic(abs, content);
  }

  /** Removes a file and then its folders while they are empty, never the output folder itself. */
  remove(abs: string): void {
    fs.rmSync(abs, { force: true });
    const root = path.resolve(this.root);
    for (let dir = path.dirname(abs); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      try {
        fs.rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
}

/** Reads the manifest of an output folder (undefined when absent or malformed). */
export function readManifest(outDir: string): Manifest | undefined {
  try {
    return parseManifest(fs.readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when every file the manifest lists for a generator is on disk with the listed hash. */
export function outputsIntact(outDir: string, files: Record<string, string>): boolean {
  for (const [rel, hash] of Object.entries(files)) {
    if (unsafePathReason(rel)) return false;
    try {
      if (sha256File(fs.readFileSync(path.join(outDir, ...rel.split('/')))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export function applyPlan(plan: Plan, opts: WriteOptions): WriteReport {
  const keepManifest = opts.manifest !== false;
  const previous = keepManifest ? readManifest(opts.outDir) : undefined;
  const next: Manifest = emptyManifest(opts.tool, opts.toolVersion);
  // Generators outside this plan, and failed ones, keep what the manifest says.
  for (const [name, g] of Object.entries(previous?.generators ?? {})) next.generators[name] = { ...g, files: { ...g.files } };
  const run: ApplyRun = { out: new OutputFolder(opts.outDir), opts, previous, changes: [], claimed: new Set() };
  for (const r of plan.runs) {
    const prev = previous?.generators[r.generator];
    if (r.status === 'skipped' && prev) keepSkipped(r.generator, prev.files, run);
    if (r.status !== 'ran') continue;
    const files: Record<string, string> = {};
    for (const f of r.files) applyPlanned(r.generator, f, run, files);
    // Stale: listed for this generator before, not planned now.
    const planned = new Set(r.files.map((f) => f.path));
    for (const [rel, listed] of Object.entries(prev?.files ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) if (!planned.has(rel)) removeStale(r.generator, rel, listed, run, files);
    next.generators[r.generator] = { inputHash: r.inputHash, sources: r.sources, files };
  }
  if (opts.mode === 'write' && keepManifest) {
    const text = serializeManifest(next);
    const manifestPath = path.join(opts.outDir, MANIFEST_FILE);
    if (run.out.read(manifestPath)?.toString('utf8') !== text) run.out.writeAtomic(manifestPath, text);
  }
  return { outDir: opts.outDir, mode: opts.mode, changes: run.changes, manifest: next };
}

/** One application of a plan: the output folder, the manifest before, and the changes so far. */
interface ApplyRun {
  out: OutputFolder;
  opts: WriteOptions;
  previous: Manifest | undefined;
  changes: FileChange[];
  /** Paths a generator of this plan already planned or kept. */
  claimed: Set<string>;
}

type PlannedFile = Plan['runs'][number]['files'][number];

/** A generator whose inputs did not change keeps every file it wrote. */
function keepSkipped(generator: string, files: Record<string, string>, run: ApplyRun): void {
  for (const rel of Object.keys(files).sort()) {
    run.changes.push({ path: rel, generator, status: 'kept', size: 0, action: 'none', reason: 'inputs unchanged' });
    run.claimed.add(rel);
  }
}

function applyPlanned(generator: string, f: PlannedFile, run: ApplyRun, files: Record<string, string>): void {
  const { opts } = run;
  const size = Buffer.byteLength(f.content);
  if (run.claimed.has(f.path)) {
    run.changes.push({ path: f.path, generator, status: 'refused', size, action: 'blocked', reason: 'another generator plans the same path' });
    return;
  }
  run.claimed.add(f.path);
  const { abs, reason } = run.out.resolve(f.path);
  if (!abs) {
    run.changes.push({ path: f.path, generator, status: 'refused', size, action: 'blocked', reason });
    return;
  }
  const hash = sha256File(f.content);
  const disk = run.out.read(abs);
  const listed = run.previous ? Object.values(run.previous.generators).find((g) => f.path in g.files)?.files[f.path] : undefined;
  const { status, why } = statusOnDisk(disk, hash, listed);
  const change: FileChange = { path: f.path, generator, status, size, action: 'none', ...(why ? { reason: why } : {}) };
  if (opts.mode === 'diff' && status !== 'unchanged') change.diff = unifiedDiff(f.path, disk?.toString('utf8'), f.content);
  const mayWrite = status === 'new' || status === 'changed' || (status === 'edited' && opts.force);
  if (status === 'edited' && !opts.force) change.action = 'blocked';
  else if (mayWrite) {
    change.action = 'written';
    if (opts.keepBefore && disk !== undefined) change.before = disk.toString('utf8');
    if (opts.mode === 'write') run.out.writeAtomic(abs, f.content);
  }
  run.changes.push(change);
  // A blocked file keeps its old manifest entry, so it is still recognised as edited next time.
  if (change.action === 'blocked') {
    if (listed !== undefined) files[f.path] = listed;
  } else files[f.path] = hash;
}

/** How a planned file stands against what is on disk and what the manifest says Strata wrote there. */
function statusOnDisk(disk: Buffer | undefined, hash: string, listed: string | undefined): { status: FileStatus; why?: string } {
  if (disk === undefined) return { status: 'new' };
  const onDisk = sha256File(disk);
  if (onDisk === hash) return { status: 'unchanged' };
  if (listed !== undefined && onDisk === listed) return { status: 'changed' };
  return { status: 'edited', why: listed === undefined ? 'exists but was not written by Strata' : 'edited since Strata wrote it' };
}

/** A file the generator wrote before and no longer plans: removed, unless someone edited it since. */
function removeStale(generator: string, rel: string, listed: string, run: ApplyRun, files: Record<string, string>): void {
  const { opts } = run;
  const { abs, reason } = run.out.resolve(rel);
  if (!abs) {
    run.changes.push({ path: rel, generator, status: 'refused', size: 0, action: 'blocked', reason });
    return;
  }
  const disk = run.out.read(abs);
  if (disk === undefined) return; // already gone
  const edited = sha256File(disk) !== listed;
  const change: FileChange = {
    path: rel,
    generator,
    status: edited ? 'edited' : 'stale',
    size: disk.length,
    action: 'none',
    ...(edited ? { reason: 'no longer generated, but edited since Strata wrote it' } : {}),
  };
  if (opts.mode === 'diff') change.diff = unifiedDiff(rel, disk.toString('utf8'), undefined);
  if (edited && !opts.force) {
    change.action = 'blocked';
    files[rel] = listed;
  } else {
    change.action = 'removed';
    if (opts.keepBefore) change.before = disk.toString('utf8');
    if (opts.mode === 'write') run.out.remove(abs);
  }
  run.changes.push(change);
}
