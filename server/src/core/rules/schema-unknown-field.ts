import { defineRule } from './rule';
import { schemaIssues } from './schema-issues';

export const schemaUnknownField = defineRule({
  id: 'schema-unknown-field',
  severity: 'warning',
  category: 'schema',
  description: 'A field that the schema does not know, often a typo.',
  docs: 'Real repositories carry fields of their own, so an unknown field is a warning, not an error; generators ignore it. When it is close to a known field the message suggests that one. Turn the rule off in `.strata.yaml` if your repository extends the format on purpose.',
  check(ctx) {
    for (const f of schemaIssues(ctx.model)) if (f.rule === 'schema-unknown-field') ctx.report(f);
  },
});
