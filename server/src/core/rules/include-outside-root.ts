import { defineRule } from './rule';

export const includeOutsideRoot = defineRule({
  id: 'include-outside-root',
  severity: 'error',
  category: 'include',
  description: 'An include points outside the workspace; nothing is read.',
  docs: `Includes may only read files inside the workspace folder: an absolute path, a \`../\` that climbs above the root or a symbolic link that leads out is refused, so that opening a repository never reads files elsewhere on the machine.`,
});
