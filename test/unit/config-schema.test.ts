/**
 * schemas/strata-config.schema.json and the `strata.rules` setting are built from the config reader
 * and the rule registries: they must be current, list every rule id and nothing else, and say of
 * every `.strata.yaml` what the reader says (accepted: no config-invalid finding).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CONFIG_SCHEMA_PATH, renderContributedSchemas } from '../../scripts/contributed-schemas';
import { CONFIG_FILE, CONFIG_KEYS, parseConfig, SEVERITIES } from '../../server/src/core/config/strata-config';
import { RULES_BY_ID } from '../../server/src/core/rules/registry';

const REPO = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(REPO, p), 'utf8');
const schema = JSON.parse(read(CONFIG_SCHEMA_PATH)) as { properties: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
const pkg = JSON.parse(read('package.json')) as {
  contributes: {
    configuration: { properties: Record<string, { properties?: Record<string, { enum?: string[] }>; additionalProperties?: unknown }> };
    yamlValidation: { fileMatch: string[]; url: string }[];
  };
};
const ruleIds = [...RULES_BY_ID.keys()].sort();

/** Texts of `.strata.yaml`: what a repository writes, and what it gets wrong. */
const CORPUS = [
  '',
  '# only a comment\n',
  'root: topology.yaml\nschema: topology-tools/schemas/topology-v4-schema.json\nrules:\n  schema-unknown-field: off\n  ref-unknown: warning\nlimits:\n  maxFileMb: 8\n',
  'output: out\ngenerators: [terraform-proxmox, docs]\n',
  "generators:\n  terraform-proxmox:\n    provider_version: '~> 0.85'\n  ansible:\n  docs:\n    enabled: false\n",
  'kubernetes:\n  base: k8s/base\n',
  'layerDirection:\n  allow:\n    - L3->L7\n    - L2_network.networks[].ip_allocations[].host_os_ref\n    - L2_network.trust_zones.*.default_firewall_policy_ref\n',
  'rules:\n  no-such-rule: off\n',
  'rules:\n  ref-unknown: loud\n',
  'rules: [ref-unknown]\n',
  'root: 42\n',
  'root:\n',
  'roots: topology.yaml\n',
  'generators: [terraform]\n',
  'generators:\n  nope: {}\n',
  'generators:\n  docs: yes please\n',
  'generators: docs\n',
  'kubernetes: k8s/base\n',
  'kubernetes:\n  folder: k8s\n',
  'layerDirection:\n  allow:\n    - L3 to L7\n',
  'layerDirection:\n  allow: L3->L7\n',
  'limits:\n  maxFileMb: 0\n',
  'limits:\n  maxFileMb: big\n',
  '- root: topology.yaml\n',
  'just a string\n',
];

describe('.strata.yaml schema and the strata.rules setting', () => {
  it('are as the build renders them from the reader and the registries (npm run build writes them)', () => {
    for (const [path, text] of renderContributedSchemas(REPO)) assert.equal(read(path), text, `${path} is stale: run npm run build`);
  });

  it('list every rule id, and nothing else, each with the severities the reader accepts', () => {
    const setting = pkg.contributes.configuration.properties['strata.rules'];
    for (const [where, props] of [
      ['strata.rules', setting?.properties],
      ['the schema', schema.properties.rules?.properties],
    ] as const) {
      assert.deepEqual(Object.keys(props ?? {}).sort(), ruleIds, `rule ids in ${where}`);
      for (const [id, p] of Object.entries(props ?? {})) assert.deepEqual(p.enum, [...SEVERITIES], `${where}: ${id}`);
    }
    assert.equal(setting?.additionalProperties, false, 'an unknown rule id in settings.json is flagged');
  });

  it('the schema knows exactly the keys the reader knows', () => {
    assert.deepEqual(Object.keys(schema.properties), [...CONFIG_KEYS]);
  });

  it('accepts exactly the files the reader accepts without a finding', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    for (const text of CORPUS) {
      const reader = parseConfig(text, new Set(ruleIds)).findings;
      const ok = validate(parse(text) ?? null);
      assert.equal(
        ok,
        reader.length === 0,
        `${JSON.stringify(text)}: the reader says ${reader.map((f) => f.message).join('; ') || 'nothing'}, the schema ${ok ? 'accepts it' : JSON.stringify(validate.errors)}`,
      );
    }
  });

  it('is what the YAML extension validates .strata.yaml against', () => {
    const entry = pkg.contributes.yamlValidation.find((v) => v.fileMatch.includes(CONFIG_FILE));
    assert.equal(entry?.url, `./${CONFIG_SCHEMA_PATH}`);
  });
});
