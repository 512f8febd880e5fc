import { defineRule } from './rule';

export const includeMissing = defineRule({
  id: 'include-missing',
  severity: 'error',
  category: 'include',
  description: 'An `!include` or `!include_dir_sorted` names a path that does not exist.',
  docs: `Include paths are relative to the directory of the file that holds the tag. The message names the path as resolved, so a wrong \`../\` shows at once. Fix the path or create the file.`,
});
