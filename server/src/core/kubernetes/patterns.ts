/**
 * The house patterns (docs/format.md#pattern-categories) as data. Rules, quick fixes, templates and the scaffold
 * all read them from here, so a pattern changes in one place.
 */

/** Where Flux Kustomizations live (pattern 13). */
export const FLUX_APPS_DIR = 'flux/apps';

/** Pattern 1: the file each kind must live in. */
export const FILE_FOR_KIND: Readonly<Record<string, string>> = {
  Deployment: 'deployment.yaml',
  Service: 'service.yaml',
  IngressRoute: 'ingressroute.yaml',
  Ingress: 'ingress.yaml',
  ConfigMap: 'configmap.yaml',
  ExternalSecret: 'external-secret.yaml',
  PersistentVolumeClaim: 'pvc.yaml',
  NetworkPolicy: 'network-policy.yaml',
  ServiceMonitor: 'servicemonitor.yaml',
};

/** Kinds the patterns do not list (RBAC, Traefik middlewares…) live in `<kind in lower case>.yaml`. */
export function fileForKind(kind: string): string {
  return FILE_FOR_KIND[kind] ?? `${kind.toLowerCase()}.yaml`;
}

export const README = 'README.md';

/** Pattern 2: the name each kind must have, from the service name. */
export const NAME_FOR_KIND: Readonly<Record<string, (svc: string) => string>> = {
  Deployment: (s) => s,
  Service: (s) => s,
  IngressRoute: (s) => s,
  Ingress: (s) => s,
  ConfigMap: (s) => `${s}-config`,
  ExternalSecret: (s) => `${s}-secrets`,
  PersistentVolumeClaim: (s) => `${s}-storage`,
  NetworkPolicy: (s) => `${s}-network-policy`,
  ServiceMonitor: (s) => `${s}-monitor`,
};

/** Pattern 2: labels every resource carries. */
export const MANAGED_BY = { key: 'managed-by', value: 'flux' } as const;
export const APP_LABEL = 'app';

export const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Kinds whose pod template holds containers. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Pattern 3. */
export const SECRETS = {
  vaultPrefix: 'homelab/',
  creationPolicy: 'Owner',
  defaultStore: { name: 'vault-backend', kind: 'SecretStore' },
  refreshInterval: '1h',
  apiVersion: 'external-secrets.io/v1beta1',
} as const;

/** Pattern 9: ConfigMap keys and value lines that look like secrets. */
export const SECRET_WORD = /(password|passwd|token|secret|api[-_]?key|private[-_]?key|access[-_]?key|(^|[-_.])key$)/i;

/** Pattern 4. */
export const STORAGE = { storageClassName: 'zfs-storage', accessMode: 'ReadWriteOnce' } as const;

/** Pattern 5. */
export const TRAEFIK_APP = 'traefik';
export const HOST_NETWORK_DNS_POLICY = 'ClusterFirstWithHostNet';

/** Pattern 6. */
export const METRICS = { portName: 'metrics', path: '/metrics', interval: '30s' } as const;

/** Pattern 7. */
export const INGRESS = {
  entryPoint: 'websecure',
  certResolver: 'letsencrypt',
  tlsOptions: 'secure',
  tlsOptionsNamespace: 'traefik-system',
  issuerAnnotation: 'cert-manager.io/cluster-issuer',
  issuer: 'letsencrypt-prod',
  hostnameAnnotation: 'external-dns.alpha.kubernetes.io/hostname',
  ttlAnnotation: 'external-dns.alpha.kubernetes.io/ttl',
  ingressClassName: 'traefik',
} as const;

/** Pattern 8: standard probe timings; slower ones need a note in the README. */
export interface ProbeTiming {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}
export const PROBES: Readonly<Record<'livenessProbe' | 'readinessProbe', ProbeTiming & { path: string }>> = {
  livenessProbe: { path: '/health', initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
  readinessProbe: { path: '/ready', initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
};

/** Pattern 10: resource tiers (memory in MiB, CPU in millicores). */
export interface Tier {
  name: 'Small' | 'Medium' | 'Large';
  requests: { memory: string; cpu: string };
  limits: { memory: string; cpu: string };
}
export const TIERS: readonly Tier[] = [
  { name: 'Small', requests: { memory: '256Mi', cpu: '100m' }, limits: { memory: '512Mi', cpu: '500m' } },
  { name: 'Medium', requests: { memory: '512Mi', cpu: '250m' }, limits: { memory: '1Gi', cpu: '1000m' } },
  { name: 'Large', requests: { memory: '1Gi', cpu: '500m' }, limits: { memory: '2Gi', cpu: '2000m' } },
];
export const DEFAULT_TIER: Tier = TIERS[1]!;

/** Pattern 11. */
export const IMAGE_PULL_POLICY = 'IfNotPresent';

/** Pattern 13. */
export const FLUX = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  namespace: 'flux-system',
  interval: '10m',
  sourceKind: 'GitRepository',
  sourceName: 'flux-system',
} as const;

export function fluxPathFor(serviceDir: string): string {
  return `./${serviceDir}`;
}

export function fluxFileFor(service: string): string {
  return `${FLUX_APPS_DIR}/${service}.yaml`;
}
