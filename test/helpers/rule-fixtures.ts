import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tests every rule's fixtures get, inside the rule's `describe`: the folder has a valid and an
 * invalid fixture; an invalid one annotates at least one finding of the rule, a valid one none;
 * and each is checked against its annotations by `check`. Returns each fixture's name and text
 * (after `prepare`), for tests of a kind of rule of their own.
 */
export function ruleFixtureTests(ruleId: string, dir: string, check: (text: string) => void, prepare: (text: string) => string = (text) => text): { name: string; text: string }[] {
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.fixture'))
        .sort()
    : [];
  it('has a valid and an invalid fixture', () => {
    for (const kind of ['valid', 'invalid'])
      assert.ok(
        names.some((f) => f.startsWith(kind)),
        `missing ${dir}/${kind}.fixture`,
      );
  });
  const fixtures = names.map((name) => ({ name, text: prepare(readFileSync(join(dir, name), 'utf8')) }));
  for (const { name, text } of fixtures) {
    it(name, () => {
      if (name.startsWith('invalid')) assert.match(text, new RegExp(`\\[${ruleId}\\]`), `${name} must annotate at least one ${ruleId} finding`);
      else assert.doesNotMatch(text, /\^+\s+(error|warning|info|hint)\[/, `${name} must be clean`);
      check(text);
    });
  }
  return fixtures;
}
