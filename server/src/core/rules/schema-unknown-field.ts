import { defineRule } from './rule';
import { schemaIssues } from './schema-issues';

export const schemaUnknownField = defineRule({
  id: 'schema-unknown-field',
  severity: 'warning',
  category: 'schema',
  description: 'A field in an object the schema closes, which the schema does not list.',
  docs: `Only where the schema closes an object (\`additionalProperties: false\`: media, storage slots, firewall policies, trust zones, …) is an unknown key invalid. It is a warning, not an error, and generators ignore it; when it is close to a known field the message suggests that one. Where the schema leaves the object open, an unknown key is valid: a likely typo gets the \`schema-field-typo\` hint and anything else nothing. Turn the rule off in \`.strata.yaml\` if your repository extends the format on purpose.`,
  over: 'model',
  check(model, ctx) {
    for (const f of schemaIssues(model, ctx.before)) if (f.rule === 'schema-unknown-field') ctx.report(f);
  },
});
