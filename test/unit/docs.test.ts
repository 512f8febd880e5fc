import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderRuleDocs } from '../../scripts/rule-docs';

const REPO = resolve(__dirname, '../../..');

describe('rule docs', () => {
  it("docs/rules is up to date with the rules' metadata (run `npm run docs`)", () => {
    const pages = renderRuleDocs(REPO);
    for (const [p, text] of pages) {
      assert.ok(existsSync(join(REPO, p)), `${p} is missing`);
      assert.equal(readFileSync(join(REPO, p), 'utf8'), text, `${p} is stale`);
    }
    const extra = readdirSync(join(REPO, 'docs/rules')).filter((f) => !pages.has(`docs/rules/${f}`));
    assert.deepEqual(extra, [], 'pages of rules that do not exist');
  });
});
