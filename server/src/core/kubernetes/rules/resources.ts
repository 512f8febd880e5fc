import { get } from '../../workspace/nodes';
import { DEFAULT_TIER } from '../patterns';
import { asMap } from '../resource';
import { defineK8sRule } from '../rule';
import { resourcesLines } from '../templates';
import { columnOf, setEntry } from '../yaml-edit';
import { containerSites } from './containers';
import { code, keyOf } from './helpers';

const FIELDS = [
  ['requests', 'memory'],
  ['requests', 'cpu'],
  ['limits', 'memory'],
  ['limits', 'cpu'],
] as const;

export const resources = defineK8sRule({
  id: 'k8s-resources',
  severity: 'error',
  category: 'kubernetes',
  pattern: 10,
  description: 'A container lacks resource requests or limits.',
  docs: `Pattern 10: every container sets \`resources.requests\` and \`resources.limits\` for both memory and CPU; a
container without limits can starve the rest of the node. Use the Medium tier when unsure (requests 512Mi / 250m,
limits 1Gi / 1000m); the quick fix writes it. Init containers are exempt.`,
  check({ project, report }) {
    for (const site of containerSites(project.services)) {
      if (site.container.init) continue;
      const res = asMap(get(site.container.node, 'resources'));
      const missing = FIELDS.filter(([a, b]) => get(get(res, a), b) === undefined).map(([a, b]) => `${a}.${b}`);
      if (!missing.length) continue;
      const resKey = keyOf(site.container.node, 'resources');
      const col = resKey ? columnOf(site.workload.text, resKey.start) : undefined;
      const block = resourcesLines(DEFAULT_TIER)
        .slice(1)
        .map((l) => l.slice(2));
      report({
        span: resKey ?? site.at,
        message: `The ${site.label} has no resource ${missing.map(code).join(', ')}; pattern 10 requires requests and limits on every container. Use a tier (Medium when unsure: requests ${DEFAULT_TIER.requests.memory} / ${DEFAULT_TIER.requests.cpu}, limits ${DEFAULT_TIER.limits.memory} / ${DEFAULT_TIER.limits.cpu}).`,
        fixes: [{ title: `Set resources to the ${DEFAULT_TIER.name} tier`, edits: [setEntry(site.workload.text, site.container.node, 'resources', { block }, col)], preferred: true }],
      });
    }
  },
});
