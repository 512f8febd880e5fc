import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { KUBERNETES_RULES } from '../../server/src/core/rules/kubernetes/index';
import { RULES_BY_ID } from '../../server/src/core/rules/registry';
import { applyAndAnalyze, checkFixture, fixesOf } from '../helpers/check';
import { parseFixture } from '../helpers/fixture';
import { ruleFixtureTests } from '../helpers/rule-fixtures';

/**
 * Every Kubernetes rule has test/fixtures/k8s-rules/<rule-id>/valid*.fixture (no finding of the rule)
 * and invalid*.fixture (each finding of the rule annotated with its exact range). Fixtures only show
 * the rule under test; the compliant sample (k8s-sample.test.ts) proves the rules are quiet together.
 * Every quick fix offered in an invalid fixture is applied and must remove its finding without
 * breaking the YAML or adding findings elsewhere.
 */
const ROOT = resolve(__dirname, '../../../test/fixtures/k8s-rules');

/**
 * Rule fixtures stand for a repository laid out the house way; without a `kubernetes:` section in
 * `.strata.yaml` (or a `flux/apps` folder) the house rules stay silent (k8s-engine.test.ts).
 */
function inHouseLayout(text: string): string {
  return /^\/\/- \.strata\.yaml$/m.test(text) ? text : `${text.replace(/\s*$/, '\n')}//- .strata.yaml\nkubernetes:\n  base: kubernetes/base\n`;
}

describe('kubernetes rule fixtures', () => {
  for (const rule of KUBERNETES_RULES) {
    describe(rule.id, () => {
      const dir = join(ROOT, rule.id);
      const only = (d: { code: string }) => d.code === rule.id || d.code === 'yaml-syntax';
      it('is registered with its metadata and pattern category', () => {
        assert.equal(RULES_BY_ID.get(rule.id), rule);
        assert.match(rule.id, /^k8s-[a-z0-9-]+$/);
        assert.ok(rule.pattern >= 1 && rule.pattern <= 14);
        assert.ok(rule.description.length > 20 && rule.docs.length > 80);
      });
      const fixtures = ruleFixtureTests(rule.id, dir, (text) => checkFixture(text, { only }), inHouseLayout);
      for (const { name: f, text } of fixtures) {
        if (!f.startsWith('invalid')) continue;
        it(`${f}: every quick fix removes its finding`, () => {
          const files = parseFixture(text).files;
          const before = checkFixture(text, { only }).diagnostics;
          const mine = before.filter((d) => d.code === rule.id);
          for (const d of mine) {
            for (const fix of fixesOf(d.data)) {
              const after = applyAndAnalyze(files, fix).analysis.diagnostics;
              const label = `"${fix.title}" for ${d.file}:${d.range.start.line + 1}`;
              assert.ok(
                !after.some((x) => x.code === 'yaml-syntax'),
                `${label} breaks the YAML: ${after
                  .filter((x) => x.code === 'yaml-syntax')
                  .map((x) => x.message)
                  .join('; ')}`,
              );
              assert.ok(after.filter((x) => x.code === rule.id).length < mine.length, `${label} leaves the finding`);
              assert.ok(
                after.length < before.length,
                `${label} adds findings: ${after
                  .filter((x) => !before.some((b) => b.code === x.code && b.message === x.message))
                  .map((x) => `${x.code}: ${x.message}`)
                  .join('\n')}`,
              );
            }
          }
        });
      }
    });
  }
});
