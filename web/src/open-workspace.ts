import { CONFIG_FILE, CONVENTIONAL_SCHEMA_PATH, parseConfig } from '../../server/src/core';
import { readZip } from './zip';

/** A workspace as the page holds it: text files by workspace-relative POSIX path. */
export type Files = Record<string, string>;

/** A file found in a chosen folder, a drop or a zip: its path there, its bytes read only if wanted. */
interface Found {
  path: string;
  read(): Promise<Uint8Array>;
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const WANTED = /\.(ya?ml|md|json)$|(^|\/)\.strata\.yaml$/i;
/** Never part of a topology: version control, packages, and the resource forks macOS puts in zips. */
const SKIPPED = /(^|\/)(\.git|node_modules|__MACOSX)\/|(^|\/)\._[^/]*$/;

const found = (path: string, blob: Blob): Found => ({ path, read: async () => new Uint8Array(await blob.arrayBuffer()) });

/**
 * Strips the common top folder (a chosen or dropped folder arrives as `name/...`) and reads the
 * files the engine reads: YAML, Markdown, JSON, and the repository's schema wherever
 * `.strata.yaml` names it.
 */
async function rebase(all: Found[]): Promise<Files> {
  const entries = all.filter((f) => !SKIPPED.test(f.path));
  const first = entries[0]?.path.split('/')[0] ?? '';
  const common = entries.length > 0 && entries.every((f) => f.path.startsWith(`${first}/`)) ? `${first}/` : '';
  const rel = (f: Found) => (common ? f.path.slice(common.length) : f.path);
  const config = entries.find((f) => rel(f) === CONFIG_FILE);
  const schema = config ? parseConfig(decoder.decode(await config.read()), new Set()).config.schema : undefined;
  const out: Files = {};
  for (const f of entries) {
    const p = rel(f);
    if (WANTED.test(p) || p === (schema ?? CONVENTIONAL_SCHEMA_PATH)) out[p] = decoder.decode(await f.read());
  }
  return out;
}

/** A zip archive's files, by their paths inside it. */
async function zipEntries(file: Blob): Promise<Found[]> {
  const entries = await readZip(await file.arrayBuffer());
  return [...entries].map(([path, bytes]) => ({ path, read: async () => bytes }));
}

/** Files from `<input type=file webkitdirectory>`, or one `.zip` from a file input. */
export async function fromFileList(list: FileList): Promise<Files> {
  const out: Found[] = [];
  for (const f of Array.from(list)) {
    if (/\.zip$/i.test(f.name) && !f.webkitRelativePath) out.push(...(await zipEntries(f)));
    else out.push(found(f.webkitRelativePath || f.name, f));
  }
  return rebase(out);
}

/** Files from a drop: folders (read recursively), `.zip` archives and loose files, any number of each. */
export async function fromDrop(data: DataTransfer): Promise<Files> {
  // A drop's items answer only while the event is dispatched: take every entry and file before the first await.
  const items = Array.from(data.items)
    .filter((i) => i.kind === 'file')
    .map((i) => ({ entry: i.webkitGetAsEntry?.() ?? null, file: i.getAsFile() }));
  const out: Found[] = [];
  for (const { entry, file } of items) {
    if (entry?.isDirectory) await readEntry(entry, '', out);
    else if (file && /\.zip$/i.test(file.name)) out.push(...(await zipEntries(file)));
    else if (file) out.push(found(file.name, file));
  }
  return rebase(out);
}

async function readEntry(entry: FileSystemEntry, prefix: string, out: Found[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    out.push(found(path, await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej))));
    return;
  }
  if (SKIPPED.test(`${path}/`)) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
    if (batch.length === 0) break;
    for (const child of batch) await readEntry(child, path, out);
  }
}
