/**
 * The JSON Schema of `.strata.yaml` and the `strata.rules` setting's properties, built from what
 * the config reader (strata-config.ts) accepts: its keys, severities and generator names, and the
 * rule ids of the registries. `npm run build` writes them to schemas/strata-config.schema.json and
 * package.json; test/unit/config-schema.test.ts holds the reader and the schema to one verdict.
 */
import { GENERATOR_NAMES } from '../generator-names';
import { LAYER_ALLOW_PATTERN } from './layer-allow';
import { CONFIG_KEYS, SEVERITIES, type ConfigKey } from './strata-config';

type JsonSchema = Record<string, unknown>;

export interface RuleInfo {
  id: string;
  description: string;
  /** The rule's own severity, when neither `.strata.yaml` nor the setting names it. */
  severity: string;
}

const severity = (rule: RuleInfo): JsonSchema => ({ enum: [...SEVERITIES], markdownDescription: `${rule.description} Default: \`${rule.severity}\`.` });

/** One entry per key the reader knows: a key added there and not here fails to compile. */
function keySchemas(rules: readonly RuleInfo[]): Record<ConfigKey, JsonSchema> {
  const generator = { enum: [...GENERATOR_NAMES] };
  return {
    root: { type: 'string', description: 'The topology root file, relative to this folder (default topology.yaml).' },
    output: { type: 'string', description: 'Output folder of the generators (default generated).' },
    schema: { type: 'string', description: "The repository's own JSON Schema of the format, relative to this folder." },
    generators: {
      description: 'Enabled generators: a list of names, or a map of name to its options (`enabled: false` turns one off).',
      oneOf: [
        { type: 'array', items: generator },
        { type: 'object', propertyNames: generator, additionalProperties: { type: ['object', 'null'], properties: { enabled: { type: 'boolean' } } } },
      ],
    },
    kubernetes: {
      type: 'object',
      description: 'The house Kubernetes layout: where the service folders are.',
      required: ['base'],
      properties: { base: { type: 'string', description: 'Kubernetes base folder (default kubernetes/base).' } },
    },
    rules: {
      type: 'object',
      description: 'Severity per rule id: off, hint, info, warning, error.',
      properties: Object.fromEntries(rules.map((r) => [r.id, severity(r)])),
      additionalProperties: false,
    },
    layerDirection: {
      type: 'object',
      required: ['allow'],
      properties: {
        allow: {
          type: 'array',
          description: 'Upward references accepted on purpose: a layer pair (L3->L7) or a field path (L2_network.networks[].ip_allocations[].host_os_ref).',
          items: { type: 'string', pattern: LAYER_ALLOW_PATTERN },
        },
      },
    },
    limits: { type: 'object', required: ['maxFileMb'], properties: { maxFileMb: { type: 'number', exclusiveMinimum: 0, description: 'Larger files are reported, not read (default 8).' } } },
  };
}

export function strataConfigSchema(rules: readonly RuleInfo[]): JsonSchema {
  const keys = keySchemas(rules);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Strata configuration (.strata.yaml)',
    type: ['object', 'null'],
    properties: Object.fromEntries(CONFIG_KEYS.map((k) => [k, keys[k]])),
    additionalProperties: false,
  };
}

/** `strata.rules` in settings.json: each rule id a known key with its severities, so editors complete them. */
export function rulesSettingProperties(rules: readonly RuleInfo[]): Record<string, JsonSchema> {
  return Object.fromEntries(rules.map((r) => [r.id, { type: 'string', ...severity(r) }]));
}
