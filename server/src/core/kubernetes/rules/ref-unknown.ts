import { closest } from '../../text/similar';
import { REF_KINDS, type RefSite } from '../ref-sites';
import { defineK8sRule } from '../rule';
import { code, nodeSpan } from './helpers';

export const k8sRefUnknown = defineK8sRule({
  id: 'k8s-ref-unknown',
  severity: 'error',
  category: 'kubernetes',
  pattern: 14,
  description: 'A manifest refers to a PVC, secret, ConfigMap, Service, port, app label or folder that does not exist.',
  docs: `Cross-file references of the manifests are checked against what the other files declare:
\`claimName\` → a PersistentVolumeClaim (pattern 4); \`secretKeyRef\`/\`secretRef\`/secret volumes → the target of an
ExternalSecret (pattern 3); \`configMapRef\`/\`configMapKeyRef\`/configMap volumes → a ConfigMap (pattern 9);
IngressRoute and Ingress backends → a Service and one of its ports (pattern 7); a ServiceMonitor selector → a
Service with those labels (pattern 6); NetworkPolicy \`app\` selectors → pods of an existing service (pattern 5);
a Flux Kustomization path → a folder (pattern 13). Names resolve in the resource's namespace (default \`default\`).
Go to definition, find references and completion work on the same references.`,
  check({ index, report }) {
    for (const site of index.sites) {
      if (site.value === '') continue;
      const res = index.resolve(site);
      if (res.ok || res.reason === 'no-metrics-port') continue;
      const near = closest(site.value, res.candidates);
      report({
        span: nodeSpan(site.node),
        message: `${describe(site)} ${code(site.value)} names no ${REF_KINDS[site.kind].what}${scope(site)}${near.length ? `; did you mean ${near.map(code).join(' or ')}?` : res.candidates.length ? `; known: ${res.candidates.slice(0, 5).map(code).join(', ')}` : '.'}`,
        ...(res.related ? { related: res.related.map((t) => ({ span: t.span, message: t.label })) } : {}),
        // Did-you-mean: replace the value with a close name that exists.
        fixes: near.map((n, i) => ({ title: `Replace with '${n}'`, edits: [{ file: site.node.file, start: site.node.start, end: site.node.end, newText: n }], preferred: i === 0 })),
      });
    }
  },
});

function describe(site: RefSite): string {
  switch (site.kind) {
    case 'claim':
      return 'claimName';
    case 'secret':
      return 'Secret';
    case 'configmap':
      return 'ConfigMap';
    case 'backend-service':
      return `${site.resource.kind} backend`;
    case 'backend-port':
      return `${site.resource.kind} backend port`;
    case 'monitor-selector':
      return 'ServiceMonitor selector';
    case 'app-label':
      return 'NetworkPolicy selector app';
    case 'flux-path':
      return 'Kustomization path';
  }
}

function scope(site: RefSite): string {
  if (site.kind === 'backend-port') return ` of Service ${code(site.service)}`;
  if (site.kind === 'app-label' || site.kind === 'flux-path') return '';
  if (site.kind === 'monitor-selector')
    return ` (labels ${Object.entries(site.labels ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')})`;
  return ` in namespace ${code(site.namespace)}`;
}
