import type { Span } from '../types';
import { deref, get, items, str, type SNode } from '../workspace/nodes';
import { normalize } from '../workspace/paths';
import type { Workspace } from '../workspace/workspace';
import type { K8sProject, K8sService } from './discovery';
import { METRICS } from './patterns';
import { refSites, type RefKind, type RefSite } from './ref-sites';
import { spanOf, type K8sResource } from './resource';

/** Something a reference can land on. */
export interface RefTarget {
  span: Span;
  /** What completion offers and messages name. */
  label: string;
  resource?: K8sResource;
}

export interface ServicePort {
  name?: string;
  port?: number;
  /** The node a port ref lands on: the name for a named ref, the number for a numeric one. */
  nameSpan?: Span;
  portSpan?: Span;
}

export type Resolution = { ok: true; targets: RefTarget[] } | { ok: false; candidates: string[]; reason?: string; related?: RefTarget[] };

/** Every reference site and every target of a Kubernetes project, built once per analysis. */
export class RefIndex {
  readonly sites: RefSite[] = [];
  /** `${namespace}/${name}` per target kind. */
  private readonly named = new Map<string, Map<string, RefTarget[]>>();
  private readonly services = new Map<string, { resource: K8sResource; ports: ServicePort[] }[]>();
  /** Pod `app` labels of workloads. */
  private readonly apps = new Map<string, RefTarget[]>();

  constructor(
    readonly project: K8sProject,
    private readonly ws: Workspace,
  ) {
    const all = [...project.services.flatMap((s) => s.resources), ...project.rootFiles.flatMap((f) => f.resources), ...project.flux.flatMap((f) => f.file.resources)];
    for (const r of all) {
      this.sites.push(...refSites(r));
      this.addTarget(r);
    }
  }

  private put(kind: string, ns: string, name: string, t: RefTarget): void {
    let m = this.named.get(kind);
    if (!m) this.named.set(kind, (m = new Map()));
    const key = `${ns}/${name}`;
    m.set(key, [...(m.get(key) ?? []), t]);
  }

  private addTarget(r: K8sResource): void {
    const name = r.name;
    const nameNode = r.nameNode;
    const kind = r.kind;
    if (name && nameNode) {
      if (kind === 'PersistentVolumeClaim') this.put('claim', r.namespace, name, { span: spanOf(nameNode), label: name, resource: r });
      if (kind === 'ConfigMap') this.put('configmap', r.namespace, name, { span: spanOf(nameNode), label: name, resource: r });
      if (kind === 'Service') {
        this.put('backend-service', r.namespace, name, { span: spanOf(nameNode), label: name, resource: r });
        const key = `${r.namespace}/${name}`;
        this.services.set(key, [...(this.services.get(key) ?? []), { resource: r, ports: servicePorts(r) }]);
      }
    }
    if (kind === 'ExternalSecret') {
      // The Secret a pod reads is the ExternalSecret's target (by default named like the ExternalSecret).
      const targetNode = deref(get(get(r.spec, 'target'), 'name'));
      const node = targetNode?.kind === 'scalar' && targetNode.value !== null ? targetNode : nameNode;
      const target = targetNode?.kind === 'scalar' && targetNode.value !== null ? String(targetNode.value) : name;
      if (target && node) this.put('secret', r.namespace, target, { span: spanOf(node), label: target, resource: r });
    }
    if (r.isWorkload) {
      const app = deref(get(get(get(r.podTemplate, 'metadata'), 'labels'), 'app'));
      if (app?.kind === 'scalar' && app.value !== null) {
        const v = String(app.value);
        this.apps.set(v, [...(this.apps.get(v) ?? []), { span: spanOf(app), label: v, resource: r }]);
      }
    }
  }

  /** Names a site of this kind may take, for completion and "did you mean". */
  candidates(site: Pick<RefSite, 'kind' | 'namespace' | 'service'>): string[] {
    switch (site.kind) {
      case 'backend-port': {
        const svc = this.services.get(`${site.namespace}/${site.service}`)?.[0];
        return (svc?.ports ?? []).flatMap((p) => [p.name, p.port === undefined ? undefined : String(p.port)]).filter((x): x is string => !!x);
      }
      case 'app-label':
        return [...this.apps.keys()].sort();
      case 'monitor-selector':
        return [...this.services.values()]
          .flat()
          .filter((s) => s.ports.some((p) => p.name === METRICS.portName))
          .map((s) => s.resource.labels().app)
          .filter((x): x is string => !!x)
          .sort();
      case 'flux-path':
        return this.project.services.map((s) => `./${s.dir}`);
      default: {
        const m = this.named.get(site.kind);
        const prefix = `${site.namespace}/`;
        return [...(m?.keys() ?? [])]
          .filter((k) => k.startsWith(prefix))
          .map((k) => k.slice(prefix.length))
          .sort();
      }
    }
  }

  resolve(site: RefSite): Resolution {
    if (site.value === '') return { ok: false, candidates: this.candidates(site) };
    switch (site.kind) {
      case 'backend-port':
        return this.resolvePort(site);
      case 'app-label': {
        const t = this.apps.get(site.value);
        return t ? { ok: true, targets: t } : { ok: false, candidates: this.candidates(site) };
      }
      case 'monitor-selector':
        return this.resolveMonitor(site);
      case 'flux-path':
        return this.resolveFolder(site);
      default: {
        const t = this.named.get(site.kind)?.get(`${site.namespace}/${site.value}`);
        return t ? { ok: true, targets: t } : { ok: false, candidates: this.candidates(site) };
      }
    }
  }

  private resolvePort(site: RefSite): Resolution {
    const svcs = this.services.get(`${site.namespace}/${site.service}`);
    if (!svcs) return { ok: true, targets: [] }; // the Service itself is reported by its own site
    const numeric = /^\d+$/.test(site.value);
    const targets: RefTarget[] = [];
    for (const s of svcs)
      for (const p of s.ports) {
        const span = numeric ? (p.port === Number(site.value) ? p.portSpan : undefined) : p.name === site.value ? p.nameSpan : undefined;
        if (span) targets.push({ span, label: site.value, resource: s.resource });
      }
    return targets.length ? { ok: true, targets } : { ok: false, candidates: this.candidates(site), related: svcs.map((s) => ({ span: s.resource.anchor(), label: s.resource.name ?? '' })) };
  }

  private resolveMonitor(site: RefSite): Resolution {
    const wanted = Object.entries(site.labels ?? {});
    const matching = [...this.services.values()].flat().filter((s) => {
      const labels = s.resource.labels();
      return wanted.every(([k, v]) => labels[k] === v);
    });
    if (!matching.length) return { ok: false, candidates: this.candidates(site) };
    const withMetrics = matching.filter((s) => s.ports.some((p) => p.name === METRICS.portName));
    if (!withMetrics.length) {
      return { ok: false, candidates: [], reason: 'no-metrics-port', related: matching.map((s) => ({ span: s.resource.anchor(), label: s.resource.name ?? '' })) };
    }
    return { ok: true, targets: withMetrics.map((s) => ({ span: s.resource.anchor(), label: s.resource.name ?? '', resource: s.resource })) };
  }

  private resolveFolder(site: RefSite): Resolution {
    const path = normalize(site.value);
    const svc = path === undefined ? undefined : this.project.services.find((s) => s.dir === path);
    if (svc) return { ok: true, targets: [folderTarget(svc)] };
    if (path !== undefined && path !== '' && this.ws.stat(path).type === 'directory') return { ok: true, targets: [] };
    return { ok: false, candidates: this.candidates(site) };
  }

  /** The service folder a path names (for the Flux rules). */
  serviceAt(path: string): K8sService | undefined {
    const p = normalize(path);
    return this.project.services.find((s) => s.dir === p);
  }

  /** Every site of a kind, for the rules. */
  sitesOf(kind: RefKind): RefSite[] {
    return this.sites.filter((s) => s.kind === kind);
  }
}

/** A folder has no span of its own: definition lands at the top of its main file. */
export function folderTarget(svc: K8sService): RefTarget {
  const main = svc.files.get('deployment.yaml') ?? [...svc.files.values()][0];
  const file = main?.path ?? svc.readme?.path ?? svc.dir;
  return { span: { file, start: 0, end: 0 }, label: `./${svc.dir}` };
}

export function servicePorts(r: K8sResource): ServicePort[] {
  const out: ServicePort[] = [];
  for (const p of items(get(r.spec, 'ports'))) {
    const name = deref(get(p, 'name'));
    const port = deref(get(p, 'port'));
    const sp: ServicePort = {};
    if (name?.kind === 'scalar' && name.value !== null) {
      sp.name = String(name.value);
      sp.nameSpan = spanOf(name as SNode);
    }
    const pv = str(port);
    if (port && pv && /^\d+$/.test(pv)) {
      sp.port = Number(pv);
      sp.portSpan = spanOf(port);
    }
    out.push(sp);
  }
  return out;
}

const indexes = new WeakMap<K8sProject, RefIndex>();

/** The index of a project (built once per project object). */
export function refIndex(project: K8sProject, ws: Workspace): RefIndex {
  let idx = indexes.get(project);
  if (!idx) indexes.set(project, (idx = new RefIndex(project, ws)));
  return idx;
}
