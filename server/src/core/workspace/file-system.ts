/**
 * The one interface through which the core reads files. Node and the browser each implement it;
 * the core never touches a disk. Paths are workspace-relative POSIX paths.
 */
export type EntryType = 'file' | 'directory' | 'missing' | 'outside-root' | 'other';

export interface FileStat {
  type: EntryType;
  size: number;
  /** Why a path could not be read (permission, symlink loop, …). */
  error?: string;
}

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface FileSystem {
  stat(path: string): FileStat;
  /** Throws with a readable message when the file cannot be read. */
  readFile(path: string): Uint8Array;
  readDirectory(path: string): DirEntry[];
}
