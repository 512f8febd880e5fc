/** A rule's docs page (Markdown), made from its metadata: docs/rules/ and `strata explain` print it. */
import { PATTERN_CATEGORIES } from './kubernetes/categories';
import { RULES_BY_ID } from './registry';
import type { RuleMeta } from './rule';

/** Every rule, by category then id: the order of the docs index and of `strata rules`. */
export function rulesInOrder(): RuleMeta[] {
  return [...RULES_BY_ID.values()].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
}

/** Kubernetes rules name the house pattern category they enforce. */
export function patternOf(rule: RuleMeta): string | undefined {
  const n = rule.pattern;
  return n === undefined ? undefined : `pattern ${n}: ${PATTERN_CATEGORIES[n]}`;
}

export function rulePage(rule: RuleMeta, examples: readonly { name: string; text: string }[] = []): string {
  const lines = [
    `# \`${rule.id}\``,
    '',
    `${rule.description}`,
    '',
    `- Default severity: **${rule.severity}**`,
    `- Category: ${rule.category}`,
    ...(patternOf(rule)
      ? [
          `- House pattern: [${patternOf(rule)}](../format.md#pattern-${rule.pattern})`,
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
  return `${lines.join('\n').trimEnd()}\n`;
}
