import { deref, get, items, str, type SNode, type SScalar } from '../workspace/nodes';
import { asMap, type K8sResource } from './resource';

/**
 * Every cross-file reference a manifest can make, declared once. The ref rule, definition,
 * references, completion, the facts ("uses secrets", "uses storage") and rename fixes read this table.
 */
export const REF_KINDS = {
  claim: { target: 'PersistentVolumeClaim', what: 'PersistentVolumeClaim' },
  secret: { target: 'ExternalSecret', what: 'secret (the target of an ExternalSecret)' },
  configmap: { target: 'ConfigMap', what: 'ConfigMap' },
  'backend-service': { target: 'Service', what: 'Service' },
  'backend-port': { target: 'Service port', what: 'port of the Service' },
  'monitor-selector': { target: 'Service', what: 'Service with these labels and a `metrics` port' },
  'app-label': { target: 'workload', what: 'service whose pods carry this `app` label' },
  'flux-path': { target: 'folder', what: 'service folder' },
} as const;

export type RefKind = keyof typeof REF_KINDS;

export interface RefSite {
  kind: RefKind;
  resource: K8sResource;
  /** The value node (a null scalar when the value is still empty: completion works there). */
  node: SScalar;
  value: string;
  /** For `backend-port`: the Service the port belongs to. For `monitor-selector`: every label. */
  service?: string;
  labels?: Record<string, string>;
  /** The namespace names resolve in. */
  namespace: string;
}

/** The reference sites of one resource. */
export function refSites(r: K8sResource): RefSite[] {
  const out: RefSite[] = [];
  const add = (kind: RefKind, n: SNode | undefined, extra: Partial<RefSite> = {}) => {
    const d = deref(n);
    if (d?.kind !== 'scalar') return;
    out.push({ kind, resource: r, node: d, value: d.value === null ? '' : String(d.value), namespace: r.namespace, ...extra });
  };
  const kind = r.kind;
  if (r.isWorkload) workloadSites(r, add);
  else if (kind === 'IngressRoute') {
    for (const route of items(get(r.spec, 'routes'))) {
      for (const svc of items(get(route, 'services'))) {
        const k = str(get(svc, 'kind'));
        if (k && k !== 'Service') continue; // TraefikService (api@internal) is Traefik's own
        const name = str(get(svc, 'name'));
        const ns = str(get(svc, 'namespace')) ?? r.namespace;
        add('backend-service', get(svc, 'name'), { namespace: ns });
        if (name) add('backend-port', get(svc, 'port'), { service: name, namespace: ns });
      }
    }
  } else if (kind === 'Ingress') {
    const backends: SNode[] = [];
    const def = get(r.spec, 'defaultBackend');
    if (def) backends.push(def);
    for (const rule of items(get(r.spec, 'rules')))
      for (const p of items(get(get(rule, 'http'), 'paths'))) {
        const b = get(p, 'backend');
        if (b) backends.push(b);
      }
    for (const b of backends) {
      const svc = get(b, 'service');
      const name = str(get(svc, 'name'));
      add('backend-service', get(svc, 'name'));
      const port = get(svc, 'port');
      if (name) add('backend-port', get(port, 'number') ?? get(port, 'name'), { service: name });
    }
  } else if (kind === 'ServiceMonitor') {
    const ml = asMap(get(get(r.spec, 'selector'), 'matchLabels'));
    if (ml) {
      const labels: Record<string, string> = {};
      for (const e of ml.entries) labels[e.key] = str(e.value) ?? '';
      add('monitor-selector', get(ml, 'app') ?? ml.entries[0]?.value, { labels });
    }
  } else if (kind === 'NetworkPolicy') {
    add('app-label', get(get(get(r.spec, 'podSelector'), 'matchLabels'), 'app'));
    for (const [dir, peers] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      for (const rule of items(get(r.spec, dir)))
        for (const peer of items(get(rule, peers))) {
          add('app-label', get(get(get(peer, 'podSelector'), 'matchLabels'), 'app'));
        }
    }
  } else if (kind === 'Kustomization') {
    add('flux-path', get(r.spec, 'path'));
  }
  return out;
}

function workloadSites(r: K8sResource, add: (kind: RefKind, n: SNode | undefined) => void): void {
  const spec = r.podSpec;
  for (const v of items(get(spec, 'volumes'))) {
    add('claim', get(get(v, 'persistentVolumeClaim'), 'claimName'));
    add('secret', get(get(v, 'secret'), 'secretName'));
    add('configmap', get(get(v, 'configMap'), 'name'));
    for (const src of items(get(get(v, 'projected'), 'sources'))) {
      add('secret', get(get(src, 'secret'), 'name'));
      add('configmap', get(get(src, 'configMap'), 'name'));
    }
  }
  for (const c of r.containers()) {
    for (const e of items(get(c.node, 'env'))) {
      const vf = get(e, 'valueFrom');
      add('secret', get(get(vf, 'secretKeyRef'), 'name'));
      add('configmap', get(get(vf, 'configMapKeyRef'), 'name'));
    }
    for (const e of items(get(c.node, 'envFrom'))) {
      add('secret', get(get(e, 'secretRef'), 'name'));
      add('configmap', get(get(e, 'configMapRef'), 'name'));
    }
  }
}
