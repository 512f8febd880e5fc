/**
 * Snapshot tests of the TextMate injection grammar (syntaxes/strata-yaml.injection.tmLanguage.json)
 * over VS Code's own YAML grammar. Fixtures: test/fixtures/grammar/*.yaml, snapshots beside them
 * (*.yaml.snap). After an intended change: UPDATE_SNAPSHOTS=1 node scripts/test.mjs grammar
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { snapshot, tokenize, yamlGrammar, type Token } from '../../helpers/textmate';

const DIR = join(__dirname, '../../../../test/fixtures/grammar');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const strata = (t: Token) => t.scopes.some((s) => s.endsWith('.strata'));

describe('TextMate injection grammar', () => {
  let injected: IGrammar;
  let base: IGrammar;
  before(async () => {
    injected = await yamlGrammar(true);
    base = await yamlGrammar(false);
  });

  for (const name of fixtures) {
    it(`${name} matches its snapshot`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const actual = snapshot(text, tokenize(injected, text));
      const file = join(DIR, `${name}.snap`);
      if (process.env.UPDATE_SNAPSHOTS || !existsSync(file)) writeFileSync(file, actual);
      assert.equal(actual, readFileSync(file, 'utf8'));
    });

    it(`${name}: lines without Strata tokens read exactly as the YAML grammar alone reads them`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const withInjection = tokenize(injected, text);
      const alone = tokenize(base, text);
      withInjection.forEach((line, i) => {
        // A blank line shows no colour; after an include path the YAML grammar alone would still be
        // inside a (multi-line) plain scalar there.
        if (line.some(strata) || text.split('\n')[i]?.trim() === '') return;
        assert.deepEqual(line, alone[i], `line ${i + 1} changed: ${text.split('\n')[i]}`);
      });
    });
  }

  it('scopes include tags and their paths, and nothing in comments or strings', () => {
    const text = readFileSync(join(DIR, 'edge-cases.yaml'), 'utf8');
    const tokens = tokenize(injected, text).flat();
    const scopeOf = (s: string) => tokens.find((t) => t.text === s)?.scopes ?? [];
    assert.ok(scopeOf('include_dir_sorted').includes('keyword.control.directive.include.strata'));
    for (const path of ['topology/L1-foundation.yaml', 'devices/', 'dir with space/a.yaml', 'b.yaml', 'services/svc-b.yaml'])
      assert.ok(scopeOf(path).includes('string.other.path.include.strata'), path);
    const comments = tokenize(injected, text)[1] ?? [];
    assert.ok(!comments.some(strata), 'a comment line got Strata scopes');
    assert.ok(!tokens.some((t) => t.text.includes('c.yaml') && strata(t)), 'an !include inside a quoted string got Strata scopes');
  });

  it("leaves ref values alone: the grammar sees every YAML file, refs are the language server's semantic tokens in topology files only", () => {
    for (const name of ['edge-cases.yaml', 'refs-block.yaml']) {
      const tokens = tokenize(injected, readFileSync(join(DIR, name), 'utf8')).flat();
      for (const ref of ['lxc-monitoring', 'net-servers', 'svc-grafana', 'servers']) assert.ok(!tokens.some((t) => t.text === ref && strata(t)), `${name}: ${ref} got a Strata scope`);
    }
  });
});
