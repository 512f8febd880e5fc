import { get, items, pathGet, str } from '../workspace/nodes';
import { declaredDependencies } from './dependencies';
import type { K8sProject, K8sService } from './discovery';
import { NAME_FOR_KIND } from './patterns';
import type { K8sResource } from './resource';
import type { ServiceSpec } from './templates';

export const DEFAULT_DOMAIN = 'example.com';

/** The domain the project's ingresses use (`Host(\`a.home.lab\`)` gives `home.lab`). */
export function inferDomain(project: K8sProject): string {
  for (const r of project.services.flatMap((s) => s.resources)) {
    for (const host of hostsOf(r)) {
      const dot = host.indexOf('.');
      if (dot > 0 && dot < host.length - 1) return host.slice(dot + 1);
    }
  }
  return DEFAULT_DOMAIN;
}

/** Host names an IngressRoute matches or an Ingress serves. */
export function hostsOf(r: K8sResource): string[] {
  const out: string[] = [];
  if (r.kind === 'IngressRoute') {
    for (const route of items(get(r.spec, 'routes'))) {
      const match = str(get(route, 'match')) ?? '';
      for (const m of match.matchAll(/Host\(\s*`([^`]+)`/g)) out.push(m[1]!);
    }
  } else if (r.kind === 'Ingress') {
    for (const rule of items(get(r.spec, 'rules'))) {
      const h = str(get(rule, 'host'));
      if (h) out.push(h);
    }
  }
  return out;
}

export function workloadOf(svc: K8sService): K8sResource | undefined {
  return svc.resources.find((r) => r.kind === 'Deployment') ?? svc.resources.find((r) => r.isWorkload);
}

/** A spec for templates, filled in from what the service's manifests already say. */
export function specOf(project: K8sProject, svc: K8sService): ServiceSpec {
  const wl = workloadOf(svc);
  const main = wl?.containers().find((c) => !c.init);
  const image = str(get(main?.node, 'image')) ?? `registry.example.com/${svc.name}:0.1.0`;
  const ports = items(get(main?.node, 'ports'));
  const containerPort = Number(str(get(ports[0], 'containerPort')));
  const metricsPort = ports.map((p) => (str(get(p, 'name')) === 'metrics' ? Number(str(get(p, 'containerPort'))) : NaN)).find((n) => Number.isFinite(n));
  const pvc = svc.resources.find((r) => r.kind === 'PersistentVolumeClaim');
  const secretName = NAME_FOR_KIND.ExternalSecret!(svc.name);
  const keys = new Set<string>();
  for (const c of wl?.containers() ?? []) {
    for (const e of items(get(c.node, 'env'))) {
      const ref = pathGet(e, ['valueFrom', 'secretKeyRef']);
      const key = str(get(ref, 'key'));
      if (key && str(get(ref, 'name')) === secretName) keys.add(key);
    }
  }
  return {
    name: svc.name,
    dir: svc.dir,
    namespace: wl?.namespace ?? svc.resources[0]?.namespace ?? 'default',
    image,
    port: Number.isFinite(containerPort) && containerPort > 0 ? containerPort : 8080,
    exposed: !!svc.facts.exposed,
    ...(svc.facts.storage ? { storage: str(pathGet(pvc?.spec, ['resources', 'requests', 'storage'])) ?? '10Gi' } : {}),
    metrics: !!svc.facts.metrics,
    metricsPort: metricsPort ?? 9090,
    secrets: !!svc.facts.secrets,
    secretKeys: [...keys],
    domain: inferDomain(project),
    hostNetwork: !!svc.facts.hostNetwork,
    dependencies: declaredDependencies(project, svc).map((d) => ({ name: d.name, port: d.port ?? 80 })),
  };
}
