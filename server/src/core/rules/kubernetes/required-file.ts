import { join } from '../../workspace/paths';
import type { K8sService } from '../../kubernetes/discovery';
import { describeFact, type ServiceFacts } from '../../kubernetes/facts';
import { FILE_FOR_KIND, README } from '../../kubernetes/patterns';
import { defineRule } from '../rule';
import { specOf } from '../../kubernetes/service-spec';
import { deploymentYaml, externalSecretYaml, networkPolicyYaml, pvcYaml, readmeMd, serviceMonitorYaml, serviceYaml, type ServiceSpec } from '../../kubernetes/templates';
import { code, createFileFix, serviceAnchor } from './helpers';

interface Requirement {
  file: string;
  /** The kind the file holds (a resource of this kind elsewhere in the folder is k8s-file-name's business). */
  kind?: string;
  /** Required only when the service has this fact. */
  when?: keyof ServiceFacts;
  template: (s: ServiceSpec) => string;
}

const REQUIREMENTS: Requirement[] = [
  { file: FILE_FOR_KIND.Deployment!, kind: 'Deployment', template: deploymentYaml },
  { file: FILE_FOR_KIND.Service!, kind: 'Service', template: serviceYaml },
  { file: FILE_FOR_KIND.NetworkPolicy!, kind: 'NetworkPolicy', template: networkPolicyYaml },
  { file: FILE_FOR_KIND.ExternalSecret!, kind: 'ExternalSecret', when: 'secrets', template: (s) => externalSecretYaml(s) },
  { file: FILE_FOR_KIND.PersistentVolumeClaim!, kind: 'PersistentVolumeClaim', when: 'storage', template: (s) => pvcYaml(s) },
  { file: FILE_FOR_KIND.ServiceMonitor!, kind: 'ServiceMonitor', when: 'metrics', template: serviceMonitorYaml },
  { file: README, template: readmeMd },
];

export const requiredFile = defineRule({
  over: 'kubernetes',
  id: 'k8s-required-file',
  severity: 'error',
  category: 'kubernetes',
  pattern: 1,
  description: 'A service folder lacks a file the patterns require (deployment, service, network policy, README, and the ExternalSecret, PVC or ServiceMonitor its manifests call for).',
  docs: `Every \`kubernetes/base/<service>/\` holds \`deployment.yaml\`, \`service.yaml\`, \`network-policy.yaml\` and \`README.md\`.
A service that uses secrets (a \`secretKeyRef\`, \`secretRef\` or secret volume) also needs \`external-secret.yaml\`; one that
mounts a \`persistentVolumeClaim\` needs \`pvc.yaml\`; one that exposes metrics (a Service port named \`metrics\` or a
\`prometheus.io\` annotation) needs \`servicemonitor.yaml\`. An exposed service's IngressRoute is found by its kind.

The quick fix creates the missing file from the compliant template, filled in from the service's own manifests.`,
  check(project, { report }) {
    for (const svc of project.services) {
      const anchor = serviceAnchor(svc);
      if (!anchor) continue;
      let spec: ServiceSpec | undefined;
      for (const req of REQUIREMENTS) {
        if (req.when && !svc.facts[req.when]) continue;
        if (svc.files.has(req.file) || svc.otherFiles.includes(req.file)) continue;
        if (req.kind && svc.resources.some((r) => r.kind === req.kind)) continue;
        spec ??= specOf(project, svc);
        const path = join(svc.dir, req.file);
        report({
          span: req.when ? svc.facts[req.when]! : anchor,
          message: missingMessage(svc, req),
          fixes: [createFileFix(path, req.template(spec))],
        });
      }
    }
  },
});

function missingMessage(svc: K8sService, req: Requirement): string {
  const where = `${svc.dir}/`;
  if (req.when) return `Service ${code(svc.name)} has no ${req.file} although ${describeFact(req.when)}; pattern 1 requires it in ${where}. Create it (a quick fix writes the compliant template).`;
  return `Service ${code(svc.name)} has no ${req.file}; pattern 1 requires one in every service folder (${where}). Create it (a quick fix writes the compliant template).`;
}
