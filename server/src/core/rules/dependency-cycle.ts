import { dependencyCycles, dependencyGraph } from '../model/dependencies';
import { spanOf } from '../model/extract';
import { defineRule } from './rule';

export const dependencyCycle = defineRule({
  id: 'dependency-cycle',
  severity: 'error',
  category: 'governance',
  description: "Services' `dependencies` form a cycle.",
  docs: `A service's \`dependencies[].service_ref\` lists what must run before it. When the list loops back (A needs B, B needs A), no deploy order exists: startup ordering, health gating and \`strata graph\` cannot place the services. Each edge of the cycle is reported, and the message lists the whole cycle.

Remove the dependency that is not real. A service that is merely *used by* another belongs in its \`clients\` list (the reverse direction), which is not a dependency. \`strata graph\` prints the deploy order as parallel groups once the cycle is gone.`,
  over: 'model',
  check(model, { report }) {
    for (const cycle of dependencyCycles(dependencyGraph(model))) {
      const names = [...cycle.map((e) => e.from.id), cycle[0]!.from.id].join(' → ');
      for (const e of cycle) {
        const others = cycle.filter((o) => o !== e);
        report({
          span: spanOf(e.ref.node),
          message: `Dependency cycle ${names}: ${e.from.id} depends on ${e.to.id}${others.length ? `, which leads back through ${others.map((o) => `${o.ref.value} (${model.where(spanOf(o.ref.node))})`).join(', ')}` : ' itself'}. No deploy order exists; remove the dependency that is not real (users of a service go in its clients list).`,
          related: others.map((o) => ({ span: spanOf(o.ref.node), message: `${o.from.id} depends on ${o.to.id}` })),
          data: { cycle: cycle.map((c) => c.from.id) },
        });
      }
    }
  },
});
