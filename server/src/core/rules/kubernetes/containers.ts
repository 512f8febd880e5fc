import { deref, get, items, str } from '../../workspace/nodes';
import type { K8sService } from '../../kubernetes/discovery';
import type { Container, K8sResource } from '../../kubernetes/resource';
import type { Span } from '../../types';
import { nodeSpan } from './helpers';

export interface ContainerSite {
  svc: K8sService;
  workload: K8sResource;
  container: Container;
  /** The container's name value (or the item) — where container-wide findings go. */
  at: Span;
  label: string;
}

/** Every container of every workload in the service folders. */
export function containerSites(services: K8sService[]): ContainerSite[] {
  const out: ContainerSite[] = [];
  for (const svc of services) {
    for (const workload of svc.resources) {
      for (const container of workload.containers()) {
        const name = deref(get(container.node, 'name'));
        const at = name && name.end > name.start ? nodeSpan(name) : nodeSpan(container.node);
        out.push({ svc, workload, container, at, label: `${container.init ? 'init container' : 'container'} \`${container.name ?? '(unnamed)'}\` of ${workload.describe()}` });
      }
    }
  }
  return out;
}

/** The first container port (for probes), defaulting to 8080. */
export function firstPort(c: Container): number {
  const p = Number(str(get(items(get(c.node, 'ports'))[0], 'containerPort')));
  return Number.isFinite(p) && p > 0 ? p : 8080;
}
