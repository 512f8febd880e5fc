/** POSIX path helpers for workspace-relative paths ('' is the workspace root). No Node APIs. */

export function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined; // escapes the root
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}

/** Resolves `target` against the directory `fromDir`; undefined when absolute or outside the root. */
export function resolveRelative(fromDir: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(target)) return undefined;
  return normalize(join(fromDir, target.replace(/\\/g, '/')));
}

export function relative(fromDir: string, to: string): string {
  const a = fromDir === '' ? [] : fromDir.split('/');
  const b = to === '' ? [] : to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
