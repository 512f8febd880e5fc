import { readZip } from './zip';

/** A workspace as the page holds it: text files by workspace-relative POSIX path. */
export type Files = Record<string, string>;

const decoder = new TextDecoder('utf-8', { fatal: false });
const WANTED = /\.(ya?ml|md|json)$|(^|\/)\.strata\.yaml$/i;

/** Strips the common top folder (a chosen or dropped folder arrives as `name/...`). */
function rebase(entries: [string, Uint8Array | string][]): Files {
  const paths = entries.map(([p]) => p);
  const first = paths[0]?.split('/')[0] ?? '';
  const common = paths.length > 0 && paths.every((p) => p.startsWith(first + '/')) ? first + '/' : '';
  const out: Files = {};
  for (const [p, data] of entries) {
    const rel = common && p.startsWith(common) ? p.slice(common.length) : p;
    if (!WANTED.test(rel)) continue;
    out[rel] = typeof data === 'string' ? data : decoder.decode(data);
  }
  return out;
}

/** Files from `<input type=file webkitdirectory>`. */
export async function fromFileList(list: FileList): Promise<Files> {
  const entries: [string, Uint8Array][] = [];
  for (const f of Array.from(list)) {
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    entries.push([path, new Uint8Array(await f.arrayBuffer())]);
  }
  return rebase(entries);
}

/** Files from a drop: a folder (read recursively) or a .zip archive. */
export async function fromDrop(data: DataTransfer): Promise<Files> {
  const items = Array.from(data.items);
  const entries: [string, Uint8Array][] = [];
  for (const item of items) {
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) await readEntry(entry, '', entries);
    else {
      const file = item.getAsFile();
      if (!file) continue;
      if (/\.zip$/i.test(file.name)) {
        for (const [p, bytes] of await readZip(await file.arrayBuffer())) entries.push([p, bytes]);
      } else entries.push([file.name, new Uint8Array(await file.arrayBuffer())]);
    }
  }
  return rebase(entries);
}

async function readEntry(entry: FileSystemEntry, prefix: string, out: [string, Uint8Array][]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
    out.push([path, new Uint8Array(await file.arrayBuffer())]);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
    if (batch.length === 0) break;
    for (const child of batch) await readEntry(child, path, out);
  }
}
