// Renders docs/rules/ from the rule metadata (server/src/core/rules/rule-page.ts, which `strata explain`
// prints too) and the rule fixtures: the docs are never written twice.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patternOf, rulePage as page, rulesInOrder } from '../server/src/core/rules/rule-page';

function fixtures(repo: string, id: string): { name: string; text: string }[] {
  const base = join(repo, 'test/fixtures');
  const out: { name: string; text: string }[] = [];
  for (const group of existsSync(base) ? readdirSync(base) : []) {
    const dir = join(base, group, id);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.fixture'))
      .sort())
      out.push({ name: f, text: readFileSync(join(dir, f), 'utf8') });
  }
  return out;
}

/** Every docs/rules file, keyed by path relative to the repository. */
export function renderRuleDocs(repo: string): Map<string, string> {
  const out = new Map<string, string>();
  const rules = rulesInOrder();
  for (const r of rules) out.set(`docs/rules/${r.id}.md`, page(r, fixtures(repo, r.id)));
  const index = ['# Rules', '', "Generated from the rules' metadata by `npm run docs`; do not edit.", '', '| rule | severity | category | what it reports |', '|---|---|---|---|'];
  for (const r of rules) index.push(`| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.category}${patternOf(r) ? ` (${patternOf(r)})` : ''} | ${r.description.replace(/\|/g, '\\|')} |`);
  out.set('docs/rules/README.md', `${index.join('\n')}\n`);
  return out;
}
