import type { FileSource } from '../workspace/assemble';
import { dirname, isYamlFile, join, resolveRelative } from '../workspace/paths';
import type { CompletionItem } from './completion';

/**
 * Paths after `!include ` (YAML files and folders) and `!include_dir_sorted ` (folders), relative
 * to the including file's folder, one path segment at a time.
 */
export function includePathCompletions(files: FileSource, file: string, typed: string, dirOnly: boolean): CompletionItem[] {
  const slash = typed.lastIndexOf('/');
  const typedDir = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const dir = resolveRelative(dirname(file), typedDir || '.');
  if (dir === undefined) return [];
  const out: CompletionItem[] = [];
  for (const e of files.readDirectory(dir)) {
    if (e.name.startsWith('.')) continue;
    const path = `${typedDir}${e.name}`;
    if (e.type === 'directory') out.push({ label: `${path}/`, kind: 'folder', insertText: path + (dirOnly ? '' : '/'), sortText: `0${e.name}` });
    else if (!dirOnly && e.type === 'file' && isYamlFile(e.name) && join(dir, e.name) !== file) out.push({ label: path, kind: 'file', insertText: path, sortText: `1${e.name}` });
  }
  return out;
}
