// Renders the files that describe `.strata.yaml` and `strata.rules` to other tools, from the config
// reader and the rule registries: schemas/strata-config.schema.json, and the `strata.rules`
// setting's known keys in package.json. `npm run build` writes them; a test fails when stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesSettingProperties, strataConfigSchema, type RuleInfo } from '../server/src/core/config/config-schema';
import { ALL_RULES } from '../server/src/core/rules/registry';

export const CONFIG_SCHEMA_PATH = 'schemas/strata-config.schema.json';

export function ruleInfos(): RuleInfo[] {
  return ALL_RULES.map((r) => ({ id: r.id, description: r.description, severity: r.severity })).sort((a, b) => a.id.localeCompare(b.id));
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Path (relative to the repository) → its text as it must be. */
export function renderContributedSchemas(repo: string): Map<string, string> {
  const rules = ruleInfos();
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } };
  const setting = pkg.contributes.configuration.properties['strata.rules'];
  if (!setting) throw new Error('package.json has no strata.rules setting');
  setting.properties = rulesSettingProperties(rules);
  // An id no rule has is a mistake here as it is in `.strata.yaml`.
  setting.additionalProperties = false;
  return new Map([
    [CONFIG_SCHEMA_PATH, json(strataConfigSchema(rules))],
    ['package.json', json(pkg)],
  ]);
}
