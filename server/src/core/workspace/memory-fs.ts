import type { DirEntry, FileStat, FileSystem } from './file-system';
import { dirname } from './paths';

const encoder = { encode: (s: string) => utf8Encode(s) };

/** An in-memory file system: the browser's workspace, and the one test fixtures run on. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>(['']);

  constructor(files?: Record<string, string | Uint8Array>) {
    for (const [path, content] of Object.entries(files ?? {})) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? encoder.encode(content) : content);
    for (let d = dirname(path); ; d = dirname(d)) {
      this.dirs.add(d);
      if (d === '') break;
    }
  }

  mkdir(path: string): void {
    for (let d = path; ; d = dirname(d)) {
      this.dirs.add(d);
      if (d === '') break;
    }
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  stat(path: string): FileStat {
    const f = this.files.get(path);
    if (f) return { type: 'file', size: f.length };
    if (this.dirs.has(path)) return { type: 'directory', size: 0 };
    return { type: 'missing', size: 0 };
  }

  readFile(path: string): Uint8Array {
    const f = this.files.get(path);
    if (!f) throw new Error(`no such file: ${path}`);
    return f;
  }

  readDirectory(path: string): DirEntry[] {
    const prefix = path === '' ? '' : `${path}/`;
    const out = new Map<string, DirEntry>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) out.set(rest, { name: rest, type: 'file' });
      else out.set(rest.slice(0, slash), { name: rest.slice(0, slash), type: 'directory' });
    }
    for (const d of this.dirs) {
      if (d !== path && dirname(d) === path) out.set(d.slice(prefix.length), { name: d.slice(prefix.length), type: 'directory' });
    }
    return [...out.values()];
  }
}

function utf8Encode(s: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}
