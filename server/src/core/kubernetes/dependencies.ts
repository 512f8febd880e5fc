import type { Span } from '../types';
import { deref, get, items, str, type SNode } from '../workspace/nodes';
import type { K8sProject, K8sService } from './discovery';
import { workloadOf } from './service-spec';

/**
 * What a service declares it depends on (pattern 12), and where. A NetworkPolicy egress peer is not
 * a declaration: an ingress controller reaches its backends without depending on them. The checks
 * run from these declarations to what the patterns ask of each: an init container that waits for
 * it, a NetworkPolicy egress peer and a mention in the README.
 */
export type DependencySource = 'init' | 'config' | 'readme';

export interface Dependency {
  /** The other service's folder name. */
  name: string;
  /** The port a declaration names (`nc -z postgres 5432`, `postgres:5432`), if any. */
  port: number | undefined;
  /** Each kind of declaration, with where it is written (first occurrence of each). */
  sources: Map<DependencySource, Span>;
  /** The init container that waits for it, if one does. */
  initContainer?: string;
}

/** The services `svc` declares it depends on, in the order first declared. */
export function declaredDependencies(project: K8sProject, svc: K8sService): Dependency[] {
  const others = project.services.map((s) => s.name).filter((n) => n !== svc.name);
  const deps = new Map<string, Dependency>();
  const add = (name: string, source: DependencySource, span: Span, port?: number, initContainer?: string) => {
    let d = deps.get(name);
    if (!d) deps.set(name, (d = { name, port: undefined, sources: new Map() }));
    if (!d.sources.has(source)) d.sources.set(source, span);
    d.port ??= port;
    if (initContainer !== undefined) d.initContainer ??= initContainer;
  };
  const wl = workloadOf(svc);
  for (const c of wl?.containers() ?? []) {
    if (!c.init) continue;
    for (const n of [get(c.node, 'name'), ...items(get(c.node, 'command')), ...items(get(c.node, 'args'))]) {
      const text = str(n);
      const node = deref(n);
      if (text === undefined || !node) continue;
      for (const name of others) {
        const at = waitsFor(text, name);
        if (at !== undefined) add(name, 'init', spanIn(wl!.text, node, text, at.index, name.length), at.port, c.name);
      }
    }
  }
  for (const { key, node, text: fileText } of configValues(svc)) {
    const text = str(node)!;
    for (const name of others) {
      const ref = hostReference(key, text, name);
      if (ref) add(name, 'config', spanIn(fileText, node, text, ref.index, name.length), ref.port);
    }
  }
  const readme = svc.readme;
  if (readme) {
    for (const m of readme.text.matchAll(DEPENDS_ON)) {
      const tail = m[1]!;
      const tailStart = m.index! + m[0].length - tail.length;
      for (const name of others) {
        const w = wordIndex(tail, name);
        if (w !== undefined) add(name, 'readme', { file: readme.path, start: tailStart + w, end: tailStart + w + name.length });
      }
    }
  }
  return [...deps.values()];
}

/** "X depends on Y, Z." in a README: what follows, to the end of the sentence or line. */
const DEPENDS_ON = /(?<!\bnot |\bno longer |n't )\bdepends on:?\s*([^\n.;()]*)/gi;

/** Where `name` occurs as a whole word (kebab-case names: letters, digits and hyphens bound it). */
export function wordIndex(text: string, name: string): number | undefined {
  const m = new RegExp(`(^|[^A-Za-z0-9_-])(${escapeRegExp(name)})(?![A-Za-z0-9_-])`, 'i').exec(text);
  return m ? m.index + m[1]!.length : undefined;
}

/** An init container's name `wait-for-<name>`, or its script naming `<name>` as a host (`nc -z postgres 5432`). */
function waitsFor(text: string, name: string): { index: number; port: number | undefined } | undefined {
  if (text === `wait-for-${name}`) return { index: 'wait-for-'.length, port: undefined };
  const m = new RegExp(`(^|[^A-Za-z0-9_.-])(${escapeRegExp(name)})(?:\\.[a-z0-9.-]+)?(?:[:\\s]+(\\d{2,5})\\b)?(?![A-Za-z0-9_-])`).exec(text);
  if (!m) return undefined;
  return { index: m.index + m[1]!.length, port: m[3] ? Number(m[3]) : undefined };
}

/** Keys whose value is a host: `POSTGRES_HOST`, `redis_addr`, `DB_SERVER`, `API_ENDPOINT`, `BASE_URL`. */
const HOST_KEY = /(host|addr|address|server|endpoint|url|uri|dsn)$/i;

/**
 * Whether `value` names service `name` as a host: a URL's host (`http://redis:6379/0`), `name:port`,
 * a cluster DNS name (`postgres.default.svc`), or the bare name as the value of a host key
 * (`POSTGRES_HOST: postgres`). A bare word elsewhere (`DB_TYPE: postgres`) is not a host.
 */
export function hostReference(key: string, value: string, name: string): { index: number; port: number | undefined } | undefined {
  const lines = value.split('\n');
  let offset = 0;
  for (const line of lines) {
    // A multi-line value is a config file: each `key: value` / `key = value` line is judged by its own key.
    const inner = lines.length > 1 ? /^(\s*["']?([\w.-]+)["']?\s*[:=]\s*)(.*)$/.exec(line) : null;
    const lineKey = inner ? inner[2]! : key;
    const lineValue = inner ? inner[3]! : line;
    const base = offset + (inner ? inner[1]!.length : 0);
    const hit = hostIn(lineKey, lineValue, name);
    if (hit) return { index: base + hit.index, port: hit.port };
    offset += line.length + 1;
  }
  return undefined;
}

/** Keys whose value names an image or a version (`postgres:16` there is an image, not host and port). */
const IMAGE_KEY = /(image|tag|version)$/i;

function hostIn(key: string, value: string, name: string): { index: number; port: number | undefined } | undefined {
  if (IMAGE_KEY.test(key)) return undefined;
  const n = escapeRegExp(name);
  // Each pattern: (what precedes the host)(the service name)(an optional port).
  const tries: RegExp[] = [
    new RegExp(`([a-z][a-z0-9+.-]*://(?:[^@/\\s]*@)?)(${n})(?:\\.[a-z0-9-]+)*(?::(\\d+))?(?=[/?#\\s"',;]|$)`, 'i'),
    new RegExp(`(^|[\\s"',;=@])(${n})(?:\\.[a-z0-9-]+)*\\.svc(?:\\.cluster\\.local)?(?::(\\d+))?(?![\\w.-])`, 'i'),
    new RegExp(`(^|[\\s"',;=@])(${n})(?:\\.[a-z0-9-]+)*:(\\d{2,5})(?![\\w.:-])`, 'i'),
  ];
  if (HOST_KEY.test(key)) tries.push(new RegExp(`(^\\s*["']?)(${n})(?:\\.[a-z0-9-]+)*["']?\\s*$`, 'i'));
  for (const re of tries) {
    const m = re.exec(value);
    if (m) return { index: m.index + m[1]!.length, port: m[3] ? Number(m[3]) : undefined };
  }
  return undefined;
}

/** Configuration values a service sets: ConfigMap data, and env values and args of its containers. */
function configValues(svc: K8sService): ConfigValue[] {
  const out: ConfigValue[] = [];
  for (const r of svc.resources) {
    const push = (key: string, n: SNode | undefined) => {
      const node = deref(n);
      if (node?.kind === 'scalar' && typeof node.value === 'string') out.push({ key, node, text: r.text });
    };
    if (r.kind === 'ConfigMap') {
      const data = deref(get(r.root, 'data'));
      if (data?.kind === 'map') for (const e of data.entries) push(e.key, e.value);
    }
    if (!r.isWorkload) continue;
    for (const c of r.containers()) {
      if (c.init) continue;
      for (const e of items(get(c.node, 'env'))) push(str(get(e, 'name')) ?? '', get(e, 'value'));
      for (const a of [...items(get(c.node, 'command')), ...items(get(c.node, 'args'))]) {
        const flag = /^--?([\w.-]+)=/.exec(str(a) ?? '');
        push(flag ? flag[1]! : '', a);
      }
    }
  }
  return out;
}

interface ConfigValue {
  key: string;
  node: SNode;
  /** The text of the file holding it. */
  text: string;
}

/**
 * The span of `length` characters at `index` of a scalar's value, found through the line of the
 * value that holds it (a block scalar's lines sit indented in the text). An escaped string falls
 * back to the whole scalar, which still points at the right value.
 */
function spanIn(text: string, node: SNode, value: string, index: number, length: number): Span {
  const whole = { file: node.file, start: node.start, end: Math.max(node.end, node.start) };
  const lineStart = value.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = value.indexOf('\n', index);
  const line = value.slice(lineStart, lineEnd < 0 ? value.length : lineEnd);
  const at = text.slice(node.start, node.end).indexOf(line);
  if (at < 0) return whole;
  const start = node.start + at + (index - lineStart);
  return { file: node.file, start, end: start + length };
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
