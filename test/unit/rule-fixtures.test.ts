import { join, resolve } from 'node:path';
import { TOPOLOGY_RULES } from '../../server/src/core/rules/registry';
import { checkFixture } from '../helpers/check';
import { ruleFixtureTests } from '../helpers/rule-fixtures';

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
      ruleFixtureTests(rule.id, join(ROOT, rule.id), (text) => {
        checkFixture(text, { only: (d) => d.code === rule.id || (d.severity !== 'info' && d.severity !== 'hint') });
      });
    });
  }
});
