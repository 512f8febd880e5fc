// Renders docs/rules/ from the rule metadata and the rule fixtures: the docs are never written twice.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_BY_ID } from '../server/src/core/rules/registry';
import type { RuleMeta } from '../server/src/core/rules/rule';
import { PATTERN_CATEGORIES, type PatternCategory } from '../server/src/core/kubernetes/rule';

function fixtures(repo: string, id: string): { name: string; text: string }[] {
  const base = join(repo, 'test/fixtures');
  const out: { name: string; text: string }[] = [];
  for (const group of existsSync(base) ? readdirSync(base) : []) {
    const dir = join(base, group, id);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.fixture')).sort()) out.push({ name: f, text: readFileSync(join(dir, f), 'utf8') });
  }
  return out;
}

/** Kubernetes rules name the seed 002 pattern category they enforce. */
function patternOf(rule: RuleMeta): string | undefined {
  const n = (rule as { pattern?: PatternCategory }).pattern;
  return n === undefined ? undefined : `pattern ${n}: ${PATTERN_CATEGORIES[n]}`;
}

function page(rule: RuleMeta, examples: { name: string; text: string }[]): string {
  const lines = [
    `# \`${rule.id}\``,
    '',
    `${rule.description}`,
    '',
    `- Default severity: **${rule.severity}**`,
    `- Category: ${rule.category}`,
    ...(patternOf(rule)
      ? [
          `- House pattern: ${patternOf(rule)} (architecture seed 002, section 3)`,
          '- Applies where the workspace declares the house layout: a `flux/apps` folder, or a `kubernetes:` section in `.strata.yaml`. Any other tree with a `kubernetes/base` folder (a plain kustomize repository) gets YAML syntax findings only.',
        ]
      : []),
    '',
    rule.docs,
    '',
    '## Configuration',
    '',
    'In `.strata.yaml`:',
    '',
    '```yaml',
    'rules:',
    `  ${rule.id}: warning   # off, hint, info, warning or error`,
    '```',
    '',
    `On the command line: \`strata check --rule ${rule.id}=off\`. For one finding: \`# strata-disable-next-line ${rule.id}\` on the line above.`,
  ];
  for (const kind of ['invalid', 'valid']) {
    const list = examples.filter((e) => e.name.startsWith(kind));
    if (!list.length) continue;
    lines.push('', `## ${kind === 'invalid' ? 'Reported' : 'Not reported'}`, '');
    if (kind === 'invalid') lines.push('Each `^^^` line marks a finding on the line above it.', '');
    for (const e of list) lines.push('```yaml', e.text.trimEnd(), '```', '');
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** Every docs/rules file, keyed by path relative to the repository. */
export function renderRuleDocs(repo: string): Map<string, string> {
  const out = new Map<string, string>();
  const rules = [...RULES_BY_ID.values()].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  for (const r of rules) out.set(`docs/rules/${r.id}.md`, page(r, fixtures(repo, r.id)));
  const index = ['# Rules', '', 'Generated from the rules\' metadata by `npm run docs`; do not edit.', '', '| rule | severity | category | what it reports |', '|---|---|---|---|'];
  for (const r of rules) index.push(`| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.category}${patternOf(r) ? ` (${patternOf(r)})` : ''} | ${r.description.replace(/\|/g, '\\|')} |`);
  out.set('docs/rules/README.md', index.join('\n') + '\n');
  return out;
}
