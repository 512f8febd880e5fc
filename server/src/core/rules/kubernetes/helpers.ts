import type { Span } from '../../types';
import { deref, entryOf, type SMap, type SNode } from '../../workspace/nodes';
import type { K8sService } from '../../kubernetes/discovery';
import type { QuickFix } from '../../kubernetes/edits';
import type { K8sResource } from '../../kubernetes/resource';

export function nodeSpan(n: SNode): Span {
  return { file: n.file, start: n.start, end: Math.max(n.end, n.start) };
}

/**
 * Where a finding about `path` (keys from the resource root) goes: a scalar value when it exists,
 * else the deepest key present below the root, else the resource's name. Root keys sit at column 0,
 * which is too coarse a place to point at.
 */
export function fieldSpan(r: K8sResource, path: string[]): Span {
  let map: SMap | undefined = r.root;
  let best: Span | undefined;
  for (let i = 0; i < path.length && map; i++) {
    const e = entryOf(map, path[i]!);
    if (!e) break;
    const v = deref(e.value);
    if (i === path.length - 1 && v?.kind === 'scalar' && v.end > v.start) return nodeSpan(v);
    if (i > 0) best = { file: map.file, start: e.keyStart, end: e.keyEnd };
    map = v?.kind === 'map' ? v : undefined;
  }
  return best ?? r.anchor();
}

/** The span of a key inside a map (for "this key is wrong" findings). */
export function keyOf(map: SMap, key: string): Span | undefined {
  const e = entryOf(map, key);
  return e ? { file: map.file, start: e.keyStart, end: e.keyEnd } : undefined;
}

/** Where findings about a whole service go: its Deployment's name, else its first resource, else its README. */
export function serviceAnchor(svc: K8sService): Span | undefined {
  const r = svc.resources.find((x) => x.kind === 'Deployment') ?? svc.resources[0];
  if (r) return r.anchor();
  if (svc.readme) return { file: svc.readme.path, start: 0, end: svc.readme.text.split('\n')[0]!.length };
  return undefined;
}

export function readmeMentions(svc: K8sService, needle: string | RegExp): boolean {
  const text = svc.readme?.text;
  if (text === undefined) return false;
  return typeof needle === 'string' ? text.includes(needle) : needle.test(text);
}

export function createFileFix(path: string, text: string, title = `Create ${path} from the compliant template`): QuickFix {
  return { title, edits: [], create: [{ path, text }], preferred: true };
}

export function code(v: unknown): string {
  return `\`${String(v)}\``;
}

/** Memory in MiB (`512Mi`, `1Gi`, `1G`, bytes), or undefined. */
export function memoryMi(q: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T|k)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const f: Record<string, number> = { '': 1 / 1048576, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1048576, k: 1000 / 1048576, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576 };
  return n * f[m[2] ?? '']!;
}

/** CPU in millicores (`250m`, `1`, `0.5`), or undefined. */
export function cpuMilli(q: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(q.trim());
  if (!m) return undefined;
  return m[2] ? Number(m[1]) : Number(m[1]) * 1000;
}
