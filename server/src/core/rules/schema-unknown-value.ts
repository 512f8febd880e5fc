import { defineRule } from './rule';
import { schemaIssues } from './schema-issues';

export const schemaUnknownValue = defineRule({
  id: 'schema-unknown-value',
  severity: 'warning',
  category: 'schema',
  description: 'A value outside the enumeration the format defines for the field.',
  docs: `Enumerations (device classes, storage types, DNS record types, …) come from the format's own schema: the repository's copy when it has one, so a value added there is accepted at once, else every value any version of the format accepts. A value outside them is a warning with the closest known value. Where the format does not enumerate a field, Strata knows values only for completion and reports nothing.`,
  over: 'model',
  check(model, ctx) {
    for (const f of schemaIssues(model, ctx.before)) if (f.rule === 'schema-unknown-value') ctx.report(f);
  },
});
