import { deref, get } from '../../workspace/nodes';
import { IMAGE_PULL_POLICY } from '../../kubernetes/patterns';
import { defineRule } from '../rule';
import { setEntry } from '../../kubernetes/yaml-edit';
import { containerSites } from './containers';
import { code, nodeSpan } from './helpers';

export const imagePullPolicy = defineRule({
  over: 'kubernetes',
  id: 'k8s-image-pull-policy',
  severity: 'error',
  category: 'kubernetes',
  pattern: 11,
  description: 'A container does not set `imagePullPolicy: IfNotPresent`.',
  docs: `Pattern 11: containers set \`imagePullPolicy: IfNotPresent\`. With pinned tags the image never changes, so
pulling again only adds start-up time and a dependency on the registry being up. The quick fix sets it.`,
  check(project, { report }) {
    for (const site of containerSites(project.services)) {
      if (site.container.init) continue;
      const p = deref(get(site.container.node, 'imagePullPolicy'));
      if (p?.kind === 'scalar' && p.value === IMAGE_PULL_POLICY) continue;
      report({
        span: p ? nodeSpan(p) : site.at,
        message: `The ${site.label} ${p?.kind === 'scalar' ? `uses imagePullPolicy ${code(p.value)}` : 'sets no imagePullPolicy'}; pattern 11 requires ${code(IMAGE_PULL_POLICY)}.`,
        fixes: [{ title: `Set imagePullPolicy: ${IMAGE_PULL_POLICY}`, edits: [setEntry(site.workload.text, site.container.node, 'imagePullPolicy', { scalar: IMAGE_PULL_POLICY })], preferred: true }],
      });
    }
  },
});
