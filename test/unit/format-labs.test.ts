/**
 * The bundled labs written at the three points of the format's life (test-fixtures/lab-*): each is
 * valid per the format's own schema at its point (ajv over the document the format's include
 * rules build, without Strata's reader), and Strata makes no error and at most three warnings on
 * it, with and without that schema beside it. Their exact warnings are in test/precision/.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadTopology } from '../helpers/format-loader';
import { formatErrors } from '../helpers/format-schema-json';
import { claimsOf, FORMAT_POINT_OF_SAMPLE, precisionVariants, sampleTree, severityCounts, withFormatSchema } from '../helpers/precision';
import { SAMPLES } from '../helpers/samples';

const MAX_WARNINGS = 3;

describe('labs at each point of the format', () => {
  for (const [name, point] of Object.entries(FORMAT_POINT_OF_SAMPLE)) {
    describe(`${name} (${point})`, () => {
      const dir = path.join(SAMPLES, name);

      it(`is valid per the format's own schema at ${point}`, () => {
        assert.deepEqual(formatErrors(point, loadTopology(sampleTree(dir))), []);
      });

      for (const v of precisionVariants(dir)) {
        it(`${v.withSchema ? 'with' : 'without'} the format's schema: no error, at most ${MAX_WARNINGS} warnings`, () => {
          const counts = severityCounts(v.files);
          assert.equal(counts.error, 0, JSON.stringify(counts));
          assert.ok(counts.warning <= MAX_WARNINGS, JSON.stringify(counts));
        });
      }
    });
  }

  it('the format schema check rejects what the format rejects (an invalid copy of a lab fails)', () => {
    const files = sampleTree(path.join(SAMPLES, 'lab-v4.0'));
    const doc = loadTopology(files) as { L1_foundation: { media_registry: { type: string }[] } };
    doc.L1_foundation.media_registry[0]!.type = 'cloud';
    assert.match(formatErrors('v4.0', doc).join('\n'), /media_registry\/0\/type must be equal to one of the allowed values/);
  });

  it('the format schema of each point reads its own version (a data asset with only a category is valid from mid on)', () => {
    const doc = { L3_data: { data_assets: [{ id: 'data-x', name: 'x', category: 'database' }] } };
    assert.match(formatErrors('v4.0', doc).join('\n'), /must have required property 'type'/);
    assert.deepEqual(formatErrors('mid', doc), []);
    assert.deepEqual(formatErrors('later', doc), []);
  });

  it('with the schema beside it, Strata checks by that schema (a v4.0 data asset without type breaks only the v4.0 schema)', () => {
    const files = sampleTree(path.join(SAMPLES, 'lab-v4.0'));
    const l3 = 'topology/L3-data.yaml';
    const broken = { ...files, [l3]: files[l3]!.replace('  name: PostgreSQL cluster\n  type: database\n', '  name: PostgreSQL cluster\n') };
    assert.notEqual(broken[l3], files[l3]);
    const schemaClaims = (f: Record<string, string>) => claimsOf(f).filter((c) => c.rule.startsWith('schema'));
    assert.deepEqual(schemaClaims(broken), []);
    assert.deepEqual(
      schemaClaims(withFormatSchema(broken, 'v4.0')).map((c) => `${c.severity} ${c.rule} ${c.file}`),
      [`error schema ${l3}`],
    );
  });
});
