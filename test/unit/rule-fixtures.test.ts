import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOPOLOGY_RULES } from '../../server/src/core/rules/registry';
import { checkFixture } from '../helpers/check';

/**
 * Every rule has test/fixtures/rules/<rule-id>/valid*.fixture (clean) and invalid*.fixture (each
 * finding annotated with its exact range). This test runs all of them through the one helper.
 * Errors and warnings of every rule must be annotated; info and hint findings only for the rule under
 * test, so informational rules (entity-unused, layer-direction) do not make every small fixture
 * reference everything it declares.
 */
const ROOT = resolve(__dirname, '../../../test/fixtures/rules');

describe('rule fixtures', () => {
  for (const rule of TOPOLOGY_RULES) {
    describe(rule.id, () => {
      const dir = join(ROOT, rule.id);
      const files = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.fixture'))
            .sort()
        : [];
      it('has a valid and an invalid fixture', () => {
        assert.ok(
          files.some((f) => f.startsWith('valid')),
          `missing ${dir}/valid.fixture`,
        );
        assert.ok(
          files.some((f) => f.startsWith('invalid')),
          `missing ${dir}/invalid.fixture`,
        );
      });
      for (const f of files) {
        it(f, () => {
          const text = readFileSync(join(dir, f), 'utf8');
          if (f.startsWith('invalid')) assert.match(text, new RegExp(`\\[${rule.id}\\]`), `${f} must annotate at least one ${rule.id} finding`);
          else assert.doesNotMatch(text, /\^+\s+(error|warning|info|hint)\[/, `${f} must be clean`);
          checkFixture(text, { only: (d) => d.code === rule.id || (d.severity !== 'info' && d.severity !== 'hint') });
        });
      }
    });
  }
});
