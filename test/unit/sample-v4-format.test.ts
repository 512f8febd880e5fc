/**
 * sample-v4 is written as a real v4.0 repository writes the format: the whole topology (includes
 * followed) is valid under the format’s own v4.0 schema (test/fixtures/schema/format-schema.md), and
 * the lab after the refactor (migrated, or as written by hand) under its mid-migration schema.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toJS } from '../../server/src/core/workspace/nodes';
import { parseFormatSchema, violations } from '../helpers/format-ceiling';
import { migrateFiles } from '../helpers/migrate';
import { SAMPLES, modelOf, sampleFiles } from '../helpers/samples';

const FORMAT = parseFormatSchema(fs.readFileSync(path.join(SAMPLES, '../test/fixtures/schema/format-schema.md'), 'utf8'));

describe('sample-v4 against the format’s v4.0 schema', () => {
  it('breaks nothing the v4.0 schema says', () => {
    const tree = toJS(modelOf(sampleFiles('sample-v4')).assembly.root);
    assert.deepEqual(
      violations(FORMAT, tree, 0).map((x) => `${x.at}: ${x.why}`),
      [],
    );
  });
});

describe('the refactored lab against the format’s mid-migration schema', () => {
  it('sample-v4 after strata migrate breaks nothing the mid-migration schema says', () => {
    const tree = toJS(modelOf(migrateFiles(sampleFiles('sample-v4')).after).assembly.root);
    assert.deepEqual(
      violations(FORMAT, tree, 1).map((x) => `${x.at}: ${x.why}`),
      [],
    );
  });
  it('sample-refactored breaks nothing the mid-migration schema says', () => {
    const tree = toJS(modelOf(sampleFiles('sample-refactored')).assembly.root);
    assert.deepEqual(
      violations(FORMAT, tree, 1).map((x) => `${x.at}: ${x.why}`),
      [],
    );
  });
});
