import { defineRule } from './rule';

export const yamlDuplicateKey = defineRule({
  id: 'yaml-duplicate-key',
  severity: 'warning',
  category: 'yaml',
  description: 'A map sets the same key twice; the later value silently replaces the earlier one.',
  docs: `The format's own loader keeps the last value of a repeated key without a word, so the first value is lost. Remove or rename one of the two keys.`,
});
