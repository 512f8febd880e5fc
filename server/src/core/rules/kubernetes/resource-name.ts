import type { TextEdit } from '../../kubernetes/edits';
import { NAME_FOR_KIND } from '../../kubernetes/patterns';
import type { RefIndex } from '../../kubernetes/ref-index';
import type { K8sResource } from '../../kubernetes/resource';
import { defineRule } from '../rule';
import { code } from './helpers';

export const resourceName = defineRule({
  over: 'kubernetes',
  id: 'k8s-resource-name',
  severity: 'error',
  category: 'kubernetes',
  pattern: 2,
  description: 'A resource is not named by the convention for its kind.',
  docs: `Pattern 2 names resources from the service name: Deployment, Service, IngressRoute and Ingress \`<service>\`;
ConfigMap \`<service>-config\`; ExternalSecret \`<service>-secrets\`; PersistentVolumeClaim \`<service>-storage\`;
NetworkPolicy \`<service>-network-policy\`; ServiceMonitor \`<service>-monitor\`. The quick fix renames the resource
and every reference to it (claimName, secretKeyRef, configMapRef, IngressRoute services, …).`,
  check(project, { index, report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        const kind = r.kind;
        const rule = kind ? NAME_FOR_KIND[kind] : undefined;
        if (!rule) continue;
        const expected = rule(svc.name);
        const node = r.nameNode;
        if (!node || r.name === undefined) {
          report({ span: r.anchor(), message: `${kind} in ${svc.dir} has no metadata.name; pattern 2 names it ${code(expected)}.` });
          continue;
        }
        if (r.name === expected) continue;
        report({
          span: { file: r.file, start: node.start, end: node.end },
          message: `${kind} ${code(r.name)} does not follow pattern 2: in service ${code(svc.name)} it is named ${code(expected)}. Rename it (a quick fix also updates its references).`,
          fixes: [{ title: `Rename ${kind} to ${expected}`, edits: renameEdits(index, r, expected), preferred: true }],
        });
      }
    }
  },
});

/** Edits that rename a resource and every reference resolving to it. */
export function renameEdits(index: RefIndex, r: K8sResource, to: string): TextEdit[] {
  const node = r.nameNode!;
  const edits: TextEdit[] = [{ file: r.file, start: node.start, end: node.end, newText: to }];
  const seen = new Set<string>([`${r.file}:${node.start}`]);
  for (const site of index.sites) {
    if (site.kind === 'backend-port' || site.kind === 'monitor-selector' || site.kind === 'app-label' || site.kind === 'flux-path') continue;
    const res = index.resolve(site);
    if (!res.ok || !res.targets.some((t) => t.resource === r && t.label === r.name)) continue;
    const key = `${site.node.file}:${site.node.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edits.push({ file: site.node.file, start: site.node.start, end: site.node.end, newText: to });
  }
  return edits;
}
