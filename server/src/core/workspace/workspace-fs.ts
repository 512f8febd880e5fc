import type { DirEntry, FileStat, FileSystem } from './file-system';
import type { Workspace } from './workspace';

const encoder = new TextEncoder();

/**
 * The workspace as a FileSystem, unsaved buffers included: what migrations (which plan from a file
 * system) must read in an editor, so a quick fix never works from stale text.
 */
export class WorkspaceFileSystem implements FileSystem {
  constructor(private readonly ws: Workspace) {}

  stat(path: string): FileStat {
    return this.ws.stat(path);
  }

  readFile(path: string): Uint8Array {
    const t = this.ws.readText(path);
    if (t.text === undefined) throw new Error(t.error ?? `cannot read ${path}`);
    return encoder.encode(t.text);
  }

  readDirectory(path: string): DirEntry[] {
    return this.ws.readDirectory(path);
  }
}
