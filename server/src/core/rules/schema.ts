import { defineRule } from './rule';
import { schemaIssues } from './schema-issues';

export const schema = defineRule({
  id: 'schema',
  severity: 'error',
  category: 'schema',
  description: 'A value has the wrong type, breaks a pattern, or a required field is missing.',
  docs: 'The topology is validated against `schemas/topology.schema.json`, which accepts the v4.0, mid-migration and later shapes of the format. Each error is placed on the exact key or value. Unknown fields and unknown enumeration values are reported by their own rules, as warnings.',
  check(ctx) {
    for (const f of schemaIssues(ctx.model)) if (f.rule === 'schema') ctx.report(f);
  },
});
