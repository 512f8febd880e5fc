import { defineRule } from './rule';

export const yamlAliasLimit = defineRule({
  id: 'yaml-alias-limit',
  severity: 'error',
  category: 'yaml',
  description: 'An alias expands too far (an alias bomb) or refers to a node that contains it.',
  docs: `Aliases (\`*name\`) repeat the anchored node (\`&name\`). Nested aliases can multiply a small file into billions of values; Strata stops expanding past one million values per file and reports the alias where the limit was reached. A recursive alias cannot be loaded at all.`,
});
