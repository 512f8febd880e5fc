import type { Span } from '../types';
import { deref, get, items, pathGet, str, type SMap, type SNode, type SScalar } from '../workspace/nodes';
import { WORKLOAD_KINDS } from './patterns';

export interface Container {
  node: SMap;
  name: string | undefined;
  /** An init container (probes, resources and pull policy are not required of these). */
  init: boolean;
}

/** One Kubernetes object (one YAML document) with the accessors the rules share. */
export class K8sResource {
  constructor(
    readonly file: string,
    /** Index among the file's map documents. */
    readonly index: number,
    readonly root: SMap,
    readonly text: string,
    /** The whole document, from its `---` (if any) to its end: what moving or removing it cuts. */
    readonly docStart: number = root.start,
    readonly docEnd: number = root.end,
  ) {}

  get kind(): string | undefined {
    return str(get(this.root, 'kind'));
  }

  get kindNode(): SNode | undefined {
    return get(this.root, 'kind');
  }

  get apiVersion(): string | undefined {
    return str(get(this.root, 'apiVersion'));
  }

  get metadata(): SMap | undefined {
    return asMap(get(this.root, 'metadata'));
  }

  get name(): string | undefined {
    return str(get(this.metadata, 'name'));
  }

  get nameNode(): SScalar | undefined {
    const n = deref(get(this.metadata, 'name'));
    return n?.kind === 'scalar' ? n : undefined;
  }

  get namespace(): string {
    return str(get(this.metadata, 'namespace')) ?? 'default';
  }

  get spec(): SMap | undefined {
    return asMap(get(this.root, 'spec'));
  }

  labels(): Record<string, string> {
    return stringMap(get(this.metadata, 'labels'));
  }

  annotations(): Record<string, string> {
    return stringMap(get(this.metadata, 'annotations'));
  }

  get isWorkload(): boolean {
    return WORKLOAD_KINDS.has(this.kind ?? '');
  }

  /** spec.template of a workload. */
  get podTemplate(): SMap | undefined {
    return this.isWorkload ? asMap(pathGet(this.root, ['spec', 'template'])) : undefined;
  }

  get podSpec(): SMap | undefined {
    return asMap(get(this.podTemplate, 'spec'));
  }

  containers(): Container[] {
    const spec = this.podSpec;
    if (!spec) return [];
    const out: Container[] = [];
    for (const [key, init] of [
      ['initContainers', true],
      ['containers', false],
    ] as const) {
      for (const item of items(get(spec, key))) {
        const m = asMap(item);
        if (m) out.push({ node: m, name: str(get(m, 'name')), init });
      }
    }
    return out;
  }

  /** Where findings about the whole resource go: its name, else its kind, else its first key. */
  anchor(): Span {
    const n = this.nameNode ?? deref(this.kindNode);
    if (n && n.end > n.start) return { file: this.file, start: n.start, end: n.end };
    const first = this.root.entries[0];
    return { file: this.file, start: first?.keyStart ?? this.root.start, end: first?.keyEnd ?? this.root.start };
  }

  describe(): string {
    return `${this.kind ?? 'resource'} \`${this.name ?? '(unnamed)'}\``;
  }
}

export function asMap(n: SNode | undefined): SMap | undefined {
  const d = deref(n);
  return d?.kind === 'map' ? d : undefined;
}

export function stringMap(n: SNode | undefined): Record<string, string> {
  const m = asMap(n);
  const out: Record<string, string> = {};
  for (const e of m?.entries ?? []) {
    const v = str(e.value);
    if (v !== undefined) out[e.key] = v;
  }
  return out;
}

export function spanOf(n: SNode): Span {
  return { file: n.file, start: n.start, end: Math.max(n.end, n.start) };
}
