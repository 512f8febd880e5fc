import { deref, get } from '../../workspace/nodes';
import { defineK8sRule } from '../rule';
import { egressDependencies, workloadOf } from '../service-spec';
import { code, nodeSpan } from './helpers';

export const readme = defineK8sRule({
  id: 'k8s-readme',
  severity: 'warning',
  category: 'kubernetes',
  pattern: 14,
  description: "A service README does not document the service's image version or its dependencies.",
  docs: `Pattern 14's checklist ends with "README.md documents service, dependencies, and configuration"; patterns 11 and
12 ask for the image source and version and the dependencies to be written there. Each container image (as
\`image:tag\`) and each dependency declared in the NetworkPolicy must appear in the README, so a reader (or Renovate's
reviewer) sees what runs and what it needs. A missing README is \`k8s-required-file\`.`,
  check({ project, report }) {
    for (const svc of project.services) {
      const text = svc.readme?.text;
      if (text === undefined) continue;
      const wl = workloadOf(svc);
      for (const c of wl?.containers() ?? []) {
        if (c.init) continue;
        const img = deref(get(c.node, 'image'));
        if (img?.kind !== 'scalar' || img.value === null || text.includes(String(img.value))) continue;
        report({ span: nodeSpan(img), message: `${svc.readme!.path} does not mention image ${code(img.value)}; pattern 11 documents the image source and version in the service README. Add it (and keep it in step when the tag changes).` });
      }
      for (const d of egressDependencies(svc)) {
        if (new RegExp(`\\b${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text)) continue;
        report({ span: nodeSpan(deref(d.node)!), message: `${svc.readme!.path} does not mention the dependency ${code(d.name)}; pattern 12 documents dependencies in the service README.` });
      }
    }
  },
});
