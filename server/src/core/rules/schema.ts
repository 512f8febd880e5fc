import { defineRule } from './rule';
import { schemaIssues } from './schema-issues';

export const schema = defineRule({
  id: 'schema',
  severity: 'error',
  category: 'schema',
  description: 'A value has the wrong type, breaks a pattern, or a required field is missing.',
  docs: `When the repository carries the format's own JSON Schema (\`schema:\` in \`.strata.yaml\`, else \`topology-tools/schemas/topology-v4-schema.json\`), the topology is validated against it: a type, pattern or required key it allows is never reported. Otherwise it is validated against \`schemas/topology.schema.json\`, which accepts everything the v4.0, mid-migration and later versions of the format accept and claims nothing where they leave a place open or untyped. Each error is placed on the exact key or value. Unknown fields and unknown enumeration values are reported by their own rules, as warnings.`,
  over: 'model',
  check(model, ctx) {
    for (const f of schemaIssues(model, ctx.before)) if (f.rule === 'schema') ctx.report(f);
  },
});
