// The example of docs/writing-a-rule.md, compiled with the tests (test/unit/writing-a-rule.test.ts
// runs it): a rule written only from the documented contract.
import { defineRule } from '../../server/src/core/rules/rule';
import { get, str } from '../../server/src/core/workspace/nodes';

export const guestDescription = defineRule({
  id: 'guest-description', // the code of its findings, `--rule` and `.strata.yaml` name it
  severity: 'info', // the bundled default; .strata.yaml, then --rule or the editor setting override it
  category: 'governance',
  description: 'An LXC or VM has no `description`.',
  docs: `A guest without a description leaves the next person to guess what it is for. Add a \`description\` that says what runs on it.`,
  over: 'entities', // what the rule runs over
  kinds: ['lxc', 'vm'],
  check(guest, { report }) {
    // one item, and the context
    if (str(get(guest.node, 'description'))?.trim()) return;
    report({ span: guest.idSpan, message: `${guest.kind} '${guest.id}' has no description; say what runs on it.` });
  },
});
