import { APP_LABEL, DEFAULT_TIER, FLUX, INGRESS, IMAGE_PULL_POLICY, MANAGED_BY, METRICS, NAME_FOR_KIND, PROBES, SECRETS, STORAGE, TRAEFIK_APP, fluxPathFor } from './patterns';

/** Everything a compliant service folder is made from. */
export interface ServiceSpec {
  name: string;
  /** Workspace path of the service folder. */
  dir: string;
  namespace: string;
  image: string;
  port: number;
  exposed: boolean;
  /** Requested size of the PVC (e.g. `10Gi`); no storage when undefined. */
  storage?: string;
  metrics: boolean;
  metricsPort: number;
  /** Whether the service reads secrets (through its ExternalSecret). */
  secrets: boolean;
  /** The secret keys read from `homelab/<name>`; when empty, every key (envFrom / dataFrom). */
  secretKeys: string[];
  domain: string;
  hostNetwork?: boolean;
  /** Services this one waits for and may reach. */
  dependencies: { name: string; port: number }[];
}

const metadata = (name: string, s: ServiceSpec, annotations: string[] = []): string[] => [
  'metadata:',
  `  name: ${name}`,
  `  namespace: ${s.namespace}`,
  '  labels:',
  `    ${APP_LABEL}: ${s.name}`,
  `    ${MANAGED_BY.key}: ${MANAGED_BY.value}`,
  ...(annotations.length ? ['  annotations:', ...annotations.map((a) => `    ${a}`)] : []),
];

const doc = (lines: string[]): string => `${lines.join('\n')}\n`;

/** One of the service's resources: its kind and API version, its metadata (named as the convention names that kind), then its spec. */
function resourceYaml(s: ServiceSpec, apiVersion: string, kind: string, spec: string[], annotations: string[] = []): string {
  const name = NAME_FOR_KIND[kind]?.(s.name) ?? s.name;
  return doc([`apiVersion: ${apiVersion}`, `kind: ${kind}`, ...metadata(name, s, annotations), 'spec:', ...spec]);
}

/** `matchLabels:` selecting the service's pods, at `indent`. */
const matchingPods = (s: ServiceSpec, indent: string): string[] => [`${indent}matchLabels:`, `${indent}  ${APP_LABEL}: ${s.name}`];

export function envName(service: string, key: string): string {
  return `${service}_${key}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Probe lines for a container at the given indent (standard timings of pattern 8). */
export function probeLines(port: number): string[] {
  const out: string[] = [];
  for (const key of ['livenessProbe', 'readinessProbe'] as const) {
    const p = PROBES[key];
    out.push(
      `${key}:`,
      '  httpGet:',
      `    path: ${p.path}`,
      `    port: ${port}`,
      `  initialDelaySeconds: ${p.initialDelaySeconds}`,
      `  periodSeconds: ${p.periodSeconds}`,
      `  timeoutSeconds: ${p.timeoutSeconds}`,
      `  failureThreshold: ${p.failureThreshold}`,
    );
  }
  return out;
}

export function resourcesLines(tier = DEFAULT_TIER): string[] {
  return ['resources:', '  requests:', `    memory: "${tier.requests.memory}"`, `    cpu: "${tier.requests.cpu}"`, '  limits:', `    memory: "${tier.limits.memory}"`, `    cpu: "${tier.limits.cpu}"`];
}

export function deploymentYaml(s: ServiceSpec): string {
  const c = '        ';
  const container: string[] = [
    `- name: ${s.name}`,
    `  image: ${s.image}`,
    `  imagePullPolicy: ${IMAGE_PULL_POLICY}`,
    '  ports:',
    '    - name: http',
    `      containerPort: ${s.port}`,
    ...(s.metrics ? [`    - name: ${METRICS.portName}`, `      containerPort: ${s.metricsPort}`] : []),
    ...(s.secrets && s.secretKeys.length
      ? [
          '  env:',
          ...s.secretKeys.flatMap((k) => [
            `    - name: ${envName(s.name, k)}`,
            '      valueFrom:',
            '        secretKeyRef:',
            `          name: ${NAME_FOR_KIND.ExternalSecret!(s.name)}`,
            `          key: ${k}`,
          ]),
        ]
      : s.secrets
        ? ['  envFrom:', '    - secretRef:', `        name: ${NAME_FOR_KIND.ExternalSecret!(s.name)}`]
        : []),
    ...(s.storage ? ['  volumeMounts:', `    - name: ${NAME_FOR_KIND.PersistentVolumeClaim!(s.name)}`, '      mountPath: /data'] : []),
    ...probeLines(s.port).map((l) => `  ${l}`),
    ...resourcesLines().map((l) => `  ${l}`),
  ];
  const init: string[] = s.dependencies.flatMap((d) => [
    `- name: wait-for-${d.name}`,
    '  image: busybox:1.36',
    '  command:',
    '    - sh',
    '    - -c',
    '    - |',
    `      until nc -z ${d.name} ${d.port}; do`,
    `        echo "Waiting for ${d.name}..."`,
    '        sleep 2',
    '      done',
  ]);
  return resourceYaml(s, 'apps/v1', 'Deployment', [
    '  replicas: 1',
    '  selector:',
    ...matchingPods(s, '    '),
    '  template:',
    '    metadata:',
    '      labels:',
    `        ${APP_LABEL}: ${s.name}`,
    `        ${MANAGED_BY.key}: ${MANAGED_BY.value}`,
    '    spec:',
    ...(s.hostNetwork ? ['      hostNetwork: true', '      dnsPolicy: ClusterFirstWithHostNet'] : []),
    ...(init.length ? ['      initContainers:', ...init.map((l) => c + l)] : []),
    '      containers:',
    ...container.map((l) => c + l),
    ...(s.storage
      ? [
          '      volumes:',
          `        - name: ${NAME_FOR_KIND.PersistentVolumeClaim!(s.name)}`,
          '          persistentVolumeClaim:',
          `            claimName: ${NAME_FOR_KIND.PersistentVolumeClaim!(s.name)}`,
        ]
      : []),
  ]);
}

export function serviceYaml(s: ServiceSpec): string {
  return resourceYaml(s, 'v1', 'Service', [
    '  selector:',
    `    ${APP_LABEL}: ${s.name}`,
    '  ports:',
    '    - name: http',
    '      port: 80',
    `      targetPort: ${s.port}`,
    ...(s.metrics ? [`    - name: ${METRICS.portName}`, `      port: ${s.metricsPort}`, `      targetPort: ${s.metricsPort}`] : []),
  ]);
}

export function hostFor(s: Pick<ServiceSpec, 'name' | 'domain'>): string {
  return `${s.name}.${s.domain}`;
}

export function ingressRouteYaml(s: ServiceSpec): string {
  const annotations = [`${INGRESS.hostnameAnnotation}: ${hostFor(s)}`, `${INGRESS.ttlAnnotation}: "300"`];
  return resourceYaml(
    s,
    'traefik.containo.us/v1alpha1',
    'IngressRoute',
    [
      '  entryPoints:',
      `    - ${INGRESS.entryPoint}`,
      '  routes:',
      `    - match: Host(\`${hostFor(s)}\`)`,
      '      kind: Rule',
      '      services:',
      `        - name: ${s.name}`,
      '          port: 80',
      '      middlewares:',
      '        - name: https-redirect',
      `          namespace: ${INGRESS.tlsOptionsNamespace}`,
      '  tls:',
      `    certResolver: ${INGRESS.certResolver}`,
      '    options:',
      `      name: ${INGRESS.tlsOptions}`,
      `      namespace: ${INGRESS.tlsOptionsNamespace}`,
    ],
    annotations,
  );
}

export function externalSecretYaml(s: ServiceSpec, keys = s.secretKeys): string {
  return resourceYaml(s, SECRETS.apiVersion, 'ExternalSecret', [
    `  refreshInterval: ${SECRETS.refreshInterval}`,
    '  secretStoreRef:',
    `    name: ${SECRETS.defaultStore.name}`,
    `    kind: ${SECRETS.defaultStore.kind}`,
    '  target:',
    `    name: ${NAME_FOR_KIND.ExternalSecret!(s.name)}`,
    `    creationPolicy: ${SECRETS.creationPolicy}`,
    // With no known keys, every property under the service's path is read.
    ...(keys.length
      ? ['  data:', ...keys.flatMap((k) => [`    - secretKey: ${k}`, '      remoteRef:', `        key: ${SECRETS.vaultPrefix}${s.name}`, `        property: ${k}`])]
      : ['  dataFrom:', '    - extract:', `        key: ${SECRETS.vaultPrefix}${s.name}`]),
  ]);
}

export function pvcYaml(s: ServiceSpec, size = s.storage ?? '10Gi'): string {
  return resourceYaml(s, 'v1', 'PersistentVolumeClaim', [
    '  accessModes:',
    `    - ${STORAGE.accessMode}`,
    `  storageClassName: ${STORAGE.storageClassName}`,
    '  resources:',
    '    requests:',
    `      storage: ${size}`,
  ]);
}

export function networkPolicyYaml(s: ServiceSpec): string {
  return resourceYaml(s, 'networking.k8s.io/v1', 'NetworkPolicy', [
    '  podSelector:',
    ...matchingPods(s, '    '),
    '  policyTypes:',
    '    - Ingress',
    '    - Egress',
    '  ingress:',
    '    - from:',
    '        - namespaceSelector:',
    '            matchLabels:',
    `              name: ${s.namespace}`,
    // An exposed service also admits Traefik's pods.
    ...(s.exposed && s.name !== TRAEFIK_APP ? ['        - podSelector:', '            matchLabels:', `              ${APP_LABEL}: ${TRAEFIK_APP}`] : []),
    '  egress:',
    ...s.dependencies.flatMap((d) => [
      '    - to:',
      '        - podSelector:',
      '            matchLabels:',
      `              ${APP_LABEL}: ${d.name}`,
      '      ports:',
      '        - protocol: TCP',
      `          port: ${d.port}`,
    ]),
    '    - to: []',
  ]);
}

export function serviceMonitorYaml(s: ServiceSpec): string {
  return resourceYaml(s, 'monitoring.coreos.com/v1', 'ServiceMonitor', [
    '  selector:',
    ...matchingPods(s, '    '),
    '  endpoints:',
    `    - port: ${METRICS.portName}`,
    `      interval: ${METRICS.interval}`,
    `      path: ${METRICS.path}`,
  ]);
}

export function readmeMd(s: ServiceSpec): string {
  return doc([
    `# ${s.name}`,
    '',
    `Runs \`${s.image}\` in the \`${s.namespace}\` namespace, deployed by Flux from \`${s.dir}\`.`,
    '',
    '## Image',
    '',
    `- \`${s.image}\` (scanned by Trivy in CI before deployment)`,
    '',
    '## Resources',
    '',
    `- ${DEFAULT_TIER.name} tier: requests ${DEFAULT_TIER.requests.memory} / ${DEFAULT_TIER.requests.cpu}, limits ${DEFAULT_TIER.limits.memory} / ${DEFAULT_TIER.limits.cpu}`,
    '',
    '## Dependencies',
    '',
    ...(s.dependencies.length ? s.dependencies.map((d) => `- \`${d.name}\` on port ${d.port} (an init container waits for it)`) : ['- none']),
    '',
    '## Configuration',
    '',
    ...(s.exposed ? [`- Exposed at https://${hostFor(s)} through Traefik (IngressRoute, Let's Encrypt).`] : []),
    ...(s.secrets ? [`- Secrets come from \`${SECRETS.vaultPrefix}${s.name}\` through the ExternalSecret \`${NAME_FOR_KIND.ExternalSecret!(s.name)}\`.`] : []),
    ...(s.storage ? [`- Data lives on the \`${NAME_FOR_KIND.PersistentVolumeClaim!(s.name)}\` volume (${s.storage}, ${STORAGE.storageClassName}).`] : []),
    ...(s.metrics ? [`- Prometheus scrapes \`${METRICS.path}\` on port \`${METRICS.portName}\`.`] : []),
    ...(s.hostNetwork ? ['', '## Networking', '', '- Runs with `hostNetwork: true` and `dnsPolicy: ClusterFirstWithHostNet` to bind the host interface.'] : []),
  ]);
}

export function fluxKustomizationYaml(name: string, dir: string): string {
  return doc([
    `apiVersion: ${FLUX.apiVersion}`,
    'kind: Kustomization',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${FLUX.namespace}`,
    'spec:',
    `  interval: ${FLUX.interval}`,
    `  path: ${fluxPathFor(dir)}`,
    '  prune: true',
    '  sourceRef:',
    `    kind: ${FLUX.sourceKind}`,
    `    name: ${FLUX.sourceName}`,
  ]);
}
