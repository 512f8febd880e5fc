import type { DirEntry, FileStat, FileSystem } from './file-system';
import { parseYamlFile, type ParsedFile } from './parse-file';
import type { FileSource } from './assemble';
import { dirname } from './paths';
import { Tracker } from '../tracking/tracker';

/** Makes something of a file's text (a parse); the same function gives the same result for the same text. */
export type Reader<T> = (path: string, text: string) => T;

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

interface TextEntry {
  text?: string;
  error?: string;
}

/**
 * The files of one workspace: disk (through a FileSystem) overlaid by unsaved editor buffers.
 * Reads and parses are cached per path; a parse is redone only when that file's text changes.
 * A file whose new text does not parse keeps its last good tree for the rest of the workspace.
 */
export class Workspace implements FileSource {
  private readonly overlays = new Map<string, string>();
  private readonly texts = new Map<string, TextEntry>();
  private readonly parses = new Map<string, ParsedFile>();
  private readonly lastGood = new Map<string, ParsedFile>();
  private readonly listings = new Map<string, DirEntry[]>();
  private readonly stats = new Map<string, FileStat>();
  /** Where the trees of this workspace note what computations read of them. */
  readonly tracking = new Tracker();
  /** What other readers made of a file's text (Kubernetes manifests, a repository schema), by reader. */
  private readonly derived = new Map<Reader<unknown>, Map<string, { text: string; value: unknown }>>();
  /** Files whose tree is the last good one while their current text has syntax errors. */
  readonly stale = new Map<string, ParsedFile>();

  constructor(
    readonly fs: FileSystem,
    readonly maxFileBytes = DEFAULT_MAX_FILE_BYTES,
  ) {}

  setOverlay(path: string, text: string): void {
    this.overlays.set(path, text);
  }

  clearOverlay(path: string): void {
    this.overlays.delete(path);
  }

  hasOverlay(path: string): boolean {
    return this.overlays.has(path);
  }

  /** Forgets what was read from disk for a path (it was created, changed or deleted). */
  invalidate(path: string): void {
    this.texts.delete(path);
    this.stats.delete(path);
    this.listings.delete(dirname(path));
    this.listings.delete(path);
  }

  invalidateAll(): void {
    this.texts.clear();
    this.stats.clear();
    this.listings.clear();
  }

  stat(path: string): FileStat {
    if (this.overlays.has(path)) return { type: 'file', size: this.overlays.get(path)!.length };
    // Cached until the path is invalidated (the editor reports changes on disk; a CLI run is one pass).
    let st = this.stats.get(path);
    if (!st) {
      st = this.fs.stat(path);
      this.stats.set(path, st);
    }
    return st;
  }

  readDirectory(path: string): DirEntry[] {
    let listing = this.listings.get(path);
    if (!listing) {
      try {
        listing = this.fs.readDirectory(path);
      } catch {
        listing = [];
      }
      this.listings.set(path, listing);
    }
    return listing;
  }

  /** The current text of a file (buffer or disk), or why it cannot be read as UTF-8 text. */
  readText(path: string): TextEntry {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return { text: overlay };
    let entry = this.texts.get(path);
    if (!entry) {
      entry = this.readFromDisk(path);
      this.texts.set(path, entry);
    }
    return entry;
  }

  private readFromDisk(path: string): TextEntry {
    let bytes: Uint8Array;
    try {
      const st = this.fs.stat(path);
      if (st.size > this.maxFileBytes) {
        return { error: `the file is ${(st.size / 1048576).toFixed(1)} MB, over the ${(this.maxFileBytes / 1048576).toFixed(0)} MB limit (\`limits.maxFileMb\` in .strata.yaml)` };
      }
      bytes = this.fs.readFile(path);
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
    if (bytes.indexOf(0) >= 0) return { error: 'it is a binary file (it contains NUL bytes), not YAML text' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { error: 'it is not valid UTF-8 text' };
    }
  }

  /** Parses a file (cached by text). Returns the current parse, with syntax errors if any. */
  parse(path: string): ParsedFile | { error: string } {
    const t = this.readText(path);
    if (t.text === undefined) return { error: t.error ?? 'unreadable' };
    const cached = this.parses.get(path);
    if (cached && cached.text === t.text) return cached;
    const pf = parseYamlFile(path, t.text, this.tracking);
    this.parses.set(path, pf);
    if (!pf.hasSyntaxError) this.lastGood.set(path, pf);
    return pf;
  }

  /**
   * What `read` makes of a file's current text, remade only when the text changes: a parse cache,
   * like the topology's own, for readers above this layer. Undefined when the file cannot be read.
   */
  derive<T>(path: string, read: Reader<T>): T | undefined {
    const text = this.readText(path).text;
    if (text === undefined) return undefined;
    let byPath = this.derived.get(read);
    if (!byPath) this.derived.set(read, (byPath = new Map()));
    const hit = byPath.get(path);
    if (hit && hit.text === text) return hit.value as T;
    const value = read(path, text);
    byPath.set(path, { text, value });
    return value;
  }

  /** For assembly: the tree a file contributes (its last good one while its text is broken). */
  load(path: string): ParsedFile | { error: string } {
    const pf = this.parse(path);
    if ('error' in pf) return pf;
    if (pf.hasSyntaxError) {
      const good = this.lastGood.get(path);
      if (good) {
        this.stale.set(path, pf);
        // Positions are computed on the current text; findings from the old tree in this file are dropped.
        return { ...good, findings: pf.findings, text: pf.text, hasSyntaxError: true, lastGood: true };
      }
    }
    this.stale.delete(path);
    return pf;
  }
}
