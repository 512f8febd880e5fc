import { defineRule } from './rule';

export const includeInvalid = defineRule({
  id: 'include-invalid',
  severity: 'error',
  category: 'include',
  description: 'An include cannot be loaded: wrong tag for a file or directory, unreadable, binary, non-UTF-8 or too large.',
  docs: `\`!include\` loads one file and \`!include_dir_sorted\` a directory; using one for the other is reported with the tag to use instead. Files must be UTF-8 text under the size limit (8 MB unless \`limits.maxFileMb\` in \`.strata.yaml\` says otherwise).`,
});
