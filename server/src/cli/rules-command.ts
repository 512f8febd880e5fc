import { docsUrl, rulePage, RULES_BY_ID, rulesInOrder } from '../core';
import { defineCommand, didYouMean, UsageError, type Args, type CommandIO } from './args';

export const rulesCommand = defineCommand({
  name: 'rules',
  usage: 'rules [options]',
  summary: 'list every rule: id, default severity, category and what it reports',
  about: `Lists every rule, topology and Kubernetes, one a line: its id, default severity, category and
what it reports. A rule's severity is set with rules: in .strata.yaml or strata check --rule;
strata explain RULE prints its page.`,
  options: {},
  maxPositionals: 0,
  exit: 'exit status: 0, 2 usage error',
  run: (_args: Args<never>, io: CommandIO) => {
    const rules = rulesInOrder();
    const w = (f: (r: (typeof rules)[number]) => string) => Math.max(...rules.map((r) => f(r).length)) + 2;
    const [id, sev, cat] = [w((r) => r.id), w((r) => r.severity), w((r) => r.category)];
    for (const r of rules) io.out(`${r.id.padEnd(id)}${r.severity.padEnd(sev)}${r.category.padEnd(cat)}${r.description}\n`);
    return 0;
  },
});

export const explainCommand = defineCommand({
  name: 'explain',
  usage: 'explain RULE [options]',
  summary: "print a rule's documentation",
  about: `Prints the documentation of the rule RULE (an id as strata rules lists it): what it reports, why,
how to fix it and how to configure it. The examples are on the rule's page online.`,
  options: {},
  maxPositionals: 1,
  exit: 'exit status: 0, 2 no such rule or usage error',
  run: (args: Args<never>, io: CommandIO) => {
    const id = args.positionals[0];
    if (id === undefined) throw new UsageError('explain needs a rule id (strata rules lists them)');
    const rule = RULES_BY_ID.get(id);
    if (!rule) throw new UsageError(`unknown rule '${id}'${didYouMean(id, RULES_BY_ID.keys())} (strata rules lists them)`);
    io.out(`${rulePage(rule)}\nExamples: ${docsUrl(id)}\n`);
    return 0;
  },
});
