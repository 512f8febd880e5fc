import { defineRule } from './rule';

export const configInvalid = defineRule({
  id: 'config-invalid',
  severity: 'error',
  category: 'config',
  description: '`.strata.yaml` has a setting Strata cannot use.',
  docs: `Unknown rule ids, unknown severities and values of the wrong type in \`.strata.yaml\` are reported at the setting, and the setting is ignored, so a typo never silently turns a rule off.`,
});
