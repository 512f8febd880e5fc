import { defineRule } from './rule';
import { schemaIssues } from './schema-issues';

export const schemaUnknownValue = defineRule({
  id: 'schema-unknown-value',
  severity: 'warning',
  category: 'schema',
  description: 'A value outside the enumeration the format defines for the field.',
  docs: 'Enumerations (device classes, storage types, DNS record types, …) come from the format\'s own schema. A value outside them is a warning with the closest known value, so a repository that extends an enumeration keeps working.',
  check(ctx) {
    for (const f of schemaIssues(ctx.model)) if (f.rule === 'schema-unknown-value') ctx.report(f);
  },
});
