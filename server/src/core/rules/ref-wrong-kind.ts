import { spanOf } from '../model/extract';
import { meantSpans, ownerValueSpans, targetKinds } from '../model/resolve';
import { closest } from '../text/similar';
import { defineRule } from './rule';

export const refWrongKind = defineRule({
  id: 'ref-wrong-kind',
  severity: 'error',
  category: 'reference',
  description: 'A reference names an existing id, but of another kind than the field expects.',
  docs: `Which kind a field refers to comes from its path (an \`lxc_ref\` names an LXC container, a \`network_ref\` a network), never from the id's prefix. Naming a VM in an \`lxc_ref\` resolves nothing a generator can use.`,
  over: 'refs',
  check(ref, { model, report }) {
    const res = model.resolve(ref);
    if (res.status !== 'wrong-kind') return;
    // A runtime target of the wrong kind for its `type` is runtime-target's finding, which names both fields.
    if (ref.spec.kindFrom && targetKinds(ref).length === 1) return;
    const found = res.found[0]!;
    const after = ownerValueSpans(ref);
    const candidates = closest(
      ref.value,
      res.kinds.flatMap((k) => model.index.ids(k)),
    );
    const meant = meantSpans(model.index, res.kinds, candidates);
    report({
      span: spanOf(ref.node),
      message: `\`${ref.field}\` names '${ref.value}', which is a ${found.kind}, not a ${res.kinds.join(' or ')}.`,
      related: res.found.map((e) => ({ span: e.idSpan, message: `${e.kind} '${e.id}'` })),
      ...(after ? { after } : {}),
      ...(meant ? { meant } : {}),
      data: { kinds: res.kinds, foundKind: found.kind, candidates },
    });
  },
});
