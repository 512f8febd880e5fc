import { defineRule } from './rule';

export const yamlSyntax = defineRule({
  id: 'yaml-syntax',
  severity: 'error',
  category: 'yaml',
  description: 'The file is not valid YAML.',
  docs: `The YAML parser could not read the file; the message is the parser's own, placed where it stopped. A flow collection left open (\`type: [a, b\` without its \`]\`) is placed on the bracket that opened it, and the place where the parser noticed it is given as related information. While a file is broken, the editor keeps the entities it last had, so other files are not flooded with unknown references. Fix the syntax at the reported position.`,
});
