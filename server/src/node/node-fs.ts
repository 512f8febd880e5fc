import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, EntryType, FileStat, FileSystem } from '../core';

/** The workspace on disk. Links that lead outside the root are reported as 'outside-root', never read. */
export class NodeFileSystem implements FileSystem {
  readonly root: string;
  private readonly realRoot: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = safeRealpath(this.root) ?? this.root;
  }

  abs(rel: string): string {
    return rel === '' ? this.root : path.join(this.root, ...rel.split('/'));
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot + path.sep);
  }

  stat(rel: string): FileStat {
    const p = this.abs(rel);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        // A dangling link is still a missing target; a link loop is unreadable.
        return { type: 'missing', size: 0 };
      }
      return { type: 'other', size: 0, error: code === 'ELOOP' ? 'symbolic link loop' : String((err as Error).message) };
    }
    const real = safeRealpath(p);
    if (real && !this.inside(real)) return { type: 'outside-root', size: st.size };
    return { type: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', size: st.size };
  }

  readFile(rel: string): Uint8Array {
    try {
      return fs.readFileSync(this.abs(rel));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new Error(e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a directory' : e.message);
    }
  }

  readDirectory(rel: string): DirEntry[] {
    const out: DirEntry[] = [];
    for (const d of fs.readdirSync(this.abs(rel), { withFileTypes: true })) {
      let type: EntryType = d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other';
      if (d.isSymbolicLink()) type = this.stat(rel === '' ? d.name : `${rel}/${d.name}`).type;
      out.push({ name: d.name, type });
    }
    return out;
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}
