import { defineRule } from './rule';

export const includeCycle = defineRule({
  id: 'include-cycle',
  severity: 'error',
  category: 'include',
  description: 'Files include each other in a cycle.',
  docs: `A file that includes itself, directly or through others, cannot be loaded (the format's own loader crashes on it). The message lists the chain; remove one include of it.`,
});
