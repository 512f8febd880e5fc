/**
 * The `yamlValidation` contribution: the YAML extension validates topology.yaml against
 * schemas/topology-root.schema.json with `!include` tags read as strings (the `yaml.customTags`
 * default the extension contributes). The root files of the samples must pass, and a wrong
 * layer shape must not.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse, type Tags } from 'yaml';

const REPO = join(__dirname, '../../../..');
const json = (p: string) => JSON.parse(readFileSync(join(REPO, p), 'utf8')) as Record<string, unknown>;

/** What `"yaml.customTags": ["!include scalar", "!include_dir_sorted scalar"]` makes of the tags. */
const customTags: Tags = ['!include', '!include_dir_sorted'].map((tag) => ({ tag, resolve: (s: string) => s }));

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(json('schemas/topology.schema.json'), 'topology.schema.json');
  return ajv.compile(json('schemas/topology-root.schema.json'));
}

describe('yamlValidation: the root schema for the YAML extension', () => {
  const validate = validator();

  for (const sample of ['sample-v4', 'sample-refactored', 'sample-dir-sorted']) {
    it(`accepts the root file of ${sample}`, () => {
      const data = parse(readFileSync(join(REPO, 'test-fixtures', sample, 'topology.yaml'), 'utf8'), { customTags });
      assert.ok(validate(data), JSON.stringify(validate.errors));
    });
  }

  it('still checks a layer written inline, and leaves other top-level keys open as the format does', () => {
    assert.equal(validate({ L0_meta: { version: 4 } }), false);
    assert.ok(validate({ L9_unknown: 'x' }), JSON.stringify(validate.errors));
    assert.ok(validate({ L0_meta: { version: '4.0.0' } }), JSON.stringify(validate.errors));
  });
});
