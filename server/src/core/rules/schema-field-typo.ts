import { defineRule } from './rule';
import { fieldTypos } from '../model/field-typos';

export const schemaFieldTypo = defineRule({
  id: 'schema-field-typo',
  severity: 'hint',
  category: 'schema',
  description: 'An unknown field in an object the schema leaves open, one or two edits away from a field it knows.',
  docs: `Where the format's schema leaves an object open, any key is valid, so an unknown one is never a warning. When it is one or two edits away from a field the schema knows there (\`descripton\`, \`nmae\`), it is likely a typo and gets this hint with the known field. Keys far from every known field are the repository's own and get nothing. Where the schema closes the object, \`schema-unknown-field\` reports unknown keys instead.`,
  over: 'model',
  check(model, ctx) {
    for (const f of fieldTypos(model, model.authority?.declarations)) ctx.report(f);
  },
});
