import { mkdirSync, writeFileSync, readdirSync, unlinkSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderRuleDocs } from './rule-docs';

const repo = resolve(__dirname, '../..');
const pages = renderRuleDocs(repo);
const dir = join(repo, 'docs/rules');
// Pages of rules that no longer exist go too.
if (existsSync(dir)) for (const f of readdirSync(dir)) if (!pages.has(`docs/rules/${f}`)) unlinkSync(join(dir, f));
for (const [p, text] of pages) {
  mkdirSync(dirname(join(repo, p)), { recursive: true });
  writeFileSync(join(repo, p), text);
}
console.log(`wrote ${pages.size} files to docs/rules`);
