import type { StrataConfig } from '../config/strata-config';
import { join, normalize } from '../workspace/paths';
import type { PlannedFile } from '../output/plan';
import type { Workspace } from '../workspace/workspace';
import { discover } from './discovery';
import { FILE_FOR_KIND, KEBAB_CASE, README, fluxFileFor } from './patterns';
import { imageTag } from './images';
import { DEFAULT_DOMAIN, inferDomain } from './service-spec';
import { deploymentYaml, externalSecretYaml, fluxKustomizationYaml, ingressRouteYaml, networkPolicyYaml, pvcYaml, readmeMd, serviceMonitorYaml, serviceYaml, type ServiceSpec } from './templates';

/** The name the scaffold's planned files carry (the writer reports it as their generator). */
export const SCAFFOLD_GENERATOR = 'k8s-scaffold';

export interface NewServiceOptions {
  name: string;
  exposed?: boolean;
  /** PVC size, e.g. `20Gi`. */
  storage?: string;
  metrics?: boolean;
  secrets?: boolean;
  /** `registry/image:tag`; a placeholder when absent. */
  image?: string;
  port?: number;
  /** Domain of the public host name (`<name>.<domain>`); inferred from existing routes when absent. */
  domain?: string;
}

export type ScaffoldResult = { ok: true; files: PlannedFile[]; notes: string[] } | { ok: false; error: string };

/**
 * Plans a fully compliant service folder and its Flux Kustomization. Refuses, rather than
 * overwrite, when the folder or the Kustomization exists.
 */
export function planNewService(ws: Workspace, config: Pick<StrataConfig, 'kubernetesBase'>, o: NewServiceOptions): ScaffoldResult {
  if (!KEBAB_CASE.test(o.name)) return { ok: false, error: `service name '${o.name}' is not kebab-case (lower case letters, digits and hyphens, e.g. 'arr-sonarr')` };
  if (o.name.length > 63) return { ok: false, error: `service name '${o.name}' is longer than 63 characters (Kubernetes names are DNS labels)` };
  const base = normalize(config.kubernetesBase) ?? 'kubernetes/base';
  const dir = join(base, o.name);
  if (ws.stat(dir).type !== 'missing') return { ok: false, error: `${dir} already exists; the scaffold never overwrites a service folder` };
  const flux = fluxFileFor(o.name);
  if (ws.stat(flux).type !== 'missing') return { ok: false, error: `${flux} already exists; the scaffold never overwrites a Flux Kustomization` };
  const notes: string[] = [];
  let image = o.image;
  if (image) {
    const { tag, digest } = imageTag(image);
    if (!digest && (!tag || tag === 'latest')) return { ok: false, error: `image '${image}' is not pinned to a version; give IMAGE:TAG (pattern 11 forbids ':latest' and a missing tag)` };
  } else {
    image = `registry.example.com/${o.name}:0.1.0`;
    notes.push(`no --image given: ${image} is a placeholder; set the real image in deployment.yaml and README.md`);
  }
  if (o.storage !== undefined && !/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.test(o.storage)) return { ok: false, error: `storage size '${o.storage}' is not a Kubernetes quantity (e.g. 20Gi)` };
  const port = o.port ?? 8080;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, error: `port ${String(o.port)} is not between 1 and 65535` };
  const project = discover(ws, config.kubernetesBase);
  const domain = o.domain ?? (project ? inferDomain(project) : DEFAULT_DOMAIN);
  if (o.exposed && !o.domain && domain === DEFAULT_DOMAIN) notes.push(`no routes to learn the domain from: the host is ${o.name}.${DEFAULT_DOMAIN}; pass --domain to choose it`);
  const spec: ServiceSpec = {
    name: o.name,
    dir,
    namespace: 'default',
    image,
    port,
    exposed: !!o.exposed,
    ...(o.storage ? { storage: o.storage } : {}),
    metrics: !!o.metrics,
    metricsPort: port === 9090 ? 9091 : 9090,
    secrets: !!o.secrets,
    secretKeys: [],
    domain,
    dependencies: [],
  };
  const texts: [string, string][] = [
    [join(dir, FILE_FOR_KIND.Deployment!), deploymentYaml(spec)],
    [join(dir, FILE_FOR_KIND.Service!), serviceYaml(spec)],
    [join(dir, FILE_FOR_KIND.NetworkPolicy!), networkPolicyYaml(spec)],
  ];
  if (spec.exposed) texts.push([join(dir, FILE_FOR_KIND.IngressRoute!), ingressRouteYaml(spec)]);
  if (spec.secrets) texts.push([join(dir, FILE_FOR_KIND.ExternalSecret!), externalSecretYaml(spec)]);
  if (spec.storage) texts.push([join(dir, FILE_FOR_KIND.PersistentVolumeClaim!), pvcYaml(spec)]);
  if (spec.metrics) texts.push([join(dir, FILE_FOR_KIND.ServiceMonitor!), serviceMonitorYaml(spec)]);
  texts.push([join(dir, README), readmeMd(spec)], [flux, fluxKustomizationYaml(o.name, dir)]);
  return { ok: true, files: texts.map(([path, content]) => ({ path, content, generator: SCAFFOLD_GENERATOR })), notes };
}
