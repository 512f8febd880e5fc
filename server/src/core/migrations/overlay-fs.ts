/**
 * A file system seen through planned changes: later migrations (and the idempotence check) read
 * the workspace as the earlier ones left it, without anything being written.
 */
import type { DirEntry, FileStat, FileSystem } from '../workspace/file-system';
import { dirname } from '../workspace/paths';

const encoder = new TextEncoder();

export class OverlayFileSystem implements FileSystem {
  /** Path → new text, or undefined for a deleted file. */
  readonly changes = new Map<string, string | undefined>();

  constructor(readonly base: FileSystem) {}

  set(path: string, text: string | undefined): void {
    this.changes.set(path, text);
  }

  private addedDirs(): Set<string> {
    const dirs = new Set<string>();
    for (const [p, t] of this.changes) {
      if (t === undefined) continue;
      for (let d = dirname(p); d !== ''; d = dirname(d)) dirs.add(d);
    }
    return dirs;
  }

  stat(path: string): FileStat {
    if (this.changes.has(path)) {
      const t = this.changes.get(path);
      return t === undefined ? { type: 'missing', size: 0 } : { type: 'file', size: t.length };
    }
    const st = this.base.stat(path);
    if (st.type === 'missing' && this.addedDirs().has(path)) return { type: 'directory', size: 0 };
    return st;
  }

  readFile(path: string): Uint8Array {
    if (this.changes.has(path)) {
      const t = this.changes.get(path);
      if (t === undefined) throw new Error(`no such file: ${path}`);
      return encoder.encode(t);
    }
    return this.base.readFile(path);
  }

  readDirectory(path: string): DirEntry[] {
    let listing: DirEntry[] = [];
    try {
      listing = this.base.readDirectory(path);
    } catch {
      listing = [];
    }
    const out = new Map(listing.map((e) => [e.name, e]));
    const prefix = path === '' ? '' : `${path}/`;
    for (const [p, t] of this.changes) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        if (t === undefined) out.delete(rest);
        else out.set(rest, { name: rest, type: 'file' });
      } else if (t !== undefined) out.set(rest.slice(0, slash), { name: rest.slice(0, slash), type: 'directory' });
    }
    return [...out.values()];
  }
}
