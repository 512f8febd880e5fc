import { get, str } from '../../workspace/nodes';
import { TIERS, type Tier } from '../patterns';
import { asMap } from '../resource';
import { defineK8sRule } from '../rule';
import { resourcesLines } from '../templates';
import { setEntry } from '../yaml-edit';
import { containerSites } from './containers';
import { cpuMilli, keyOf, memoryMi } from './helpers';

export const resourceTier = defineK8sRule({
  id: 'k8s-resource-tier',
  severity: 'warning',
  category: 'kubernetes',
  pattern: 10,
  description: "A container's requests and limits match none of the Small, Medium or Large tiers.",
  docs: `Pattern 10 sizes containers in three tiers (requests / limits):
Small 256Mi, 100m / 512Mi, 500m; Medium 512Mi, 250m / 1Gi, 1000m; Large 1Gi, 500m / 2Gi, 2000m.
Quantities are compared by value (\`1000m\` is \`1\`, \`1Gi\` is \`1024Mi\`). Off-tier sizes are a warning: move to the
nearest tier, or document the need in the README and turn the rule off for that line.`,
  check({ project, report }) {
    for (const site of containerSites(project.services)) {
      if (site.container.init) continue;
      const res = asMap(get(site.container.node, 'resources'));
      const q = {
        rm: str(get(get(res, 'requests'), 'memory')),
        rc: str(get(get(res, 'requests'), 'cpu')),
        lm: str(get(get(res, 'limits'), 'memory')),
        lc: str(get(get(res, 'limits'), 'cpu')),
      };
      if (!res || !q.rm || !q.rc || !q.lm || !q.lc) continue; // k8s-resources reports it
      if (TIERS.some((t) => matches(t, q.rm!, q.rc!, q.lm!, q.lc!))) continue;
      const nearest = nearestTier(q.rm, q.lm);
      report({
        span: keyOf(site.container.node, 'resources') ?? site.at,
        message: `The ${site.label} asks for requests ${q.rm} / ${q.rc}, limits ${q.lm} / ${q.lc}, which is none of pattern 10's tiers; the nearest is ${nearest.name} (requests ${nearest.requests.memory} / ${nearest.requests.cpu}, limits ${nearest.limits.memory} / ${nearest.limits.cpu}). Use a tier so capacity planning adds up.`,
        fixes: [
          {
            title: `Use the ${nearest.name} tier`,
            edits: [
              setEntry(site.workload.text, site.container.node, 'resources', {
                block: resourcesLines(nearest)
                  .slice(1)
                  .map((l) => l.slice(2)),
              }),
            ],
            preferred: true,
          },
        ],
      });
    }
  },
});

function same(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && Math.abs(a - b) < 1e-6;
}

function matches(t: Tier, rm: string, rc: string, lm: string, lc: string): boolean {
  return same(memoryMi(rm), memoryMi(t.requests.memory)) && same(cpuMilli(rc), cpuMilli(t.requests.cpu)) && same(memoryMi(lm), memoryMi(t.limits.memory)) && same(cpuMilli(lc), cpuMilli(t.limits.cpu));
}

function nearestTier(rm: string, lm: string): Tier {
  const score = (t: Tier) => Math.abs(Math.log((memoryMi(rm) ?? 1) / memoryMi(t.requests.memory)!)) + Math.abs(Math.log((memoryMi(lm) ?? 1) / memoryMi(t.limits.memory)!));
  return [...TIERS].sort((a, b) => score(a) - score(b))[0]!;
}
