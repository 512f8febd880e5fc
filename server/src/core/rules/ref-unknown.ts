import { closest, quoteList } from '../text/similar';
import { spanOf, type Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Finding } from '../types';
import { meantSpans, ownerValueSpans } from '../model/resolve';
import { defineRule } from './rule';

/**
 * A `*_ref` field no declaration gives a kind, naming nothing: a warning, since which kind it means
 * (and so whether the value must be an id here at all) is not known.
 */
function untypedUnknown(model: TopologyModel, ref: Ref): Omit<Finding, 'rule'> {
  const candidates = closest(
    ref.value,
    model.entities.map((e) => e.id),
  );
  const meant = meantSpans(model.index, [...new Set(candidates.flatMap((id) => model.index.anyWithId(id).map((e) => e.kind)))], candidates);
  return {
    span: spanOf(ref.node),
    severity: 'warning',
    message: `\`${ref.field}\` names '${ref.value}', but no entity has that id. The schema does not declare which kind \`${ref.field}\` names, so the target kind is unknown.${candidates.length ? ` Did you mean ${quoteList(candidates)}?` : ''}`,
    ...(meant ? { meant } : {}),
    data: { candidates, kinds: [], value: ref.value },
  };
}

export const refUnknown = defineRule({
  id: 'ref-unknown',
  severity: 'error',
  category: 'reference',
  description: 'A reference names an id that no entity of the target kind has.',
  docs: `Every \`*_ref\` and \`*_refs\` field (and the irregular ones such as \`location\` or \`ports\`) names an entity of a kind declared in the schema. A dangling reference breaks generators and deployments. The message lists up to three ids of the right kind that are close to the value; the quick fixes replace the value or create the entity. A \`*_ref\` / \`*_refs\` field that the schema does not declare still refers by its name: its value names the one entity with that id, and a value no entity has is a warning (its target kind is unknown, so the claim is weaker). What only follows from the dangling value (an address it no longer ties to its container, a slot looked up on a device that does not exist, an entity it was meant for now named by nothing) is listed in this finding's related information, not reported apart; so is a reference to what a file that could not be read would have held, under that file's finding.`,
  over: 'refs',
  check(ref, { model, report }) {
    const res = model.resolve(ref);
    if (res.status !== 'unknown') return;
    if (ref.spec.untyped) {
      if (ref.spec.untyped === 'undeclared') report(untypedUnknown(model, ref));
      return;
    }
    const kind = res.kinds.join(' or ');
    const candidates = closest(
      ref.value,
      res.kinds.flatMap((k) => model.index.ids(k, res.ownerId)),
    );
    const where = res.ownerId !== undefined ? ` on '${res.ownerId}'` : '';
    const after = ownerValueSpans(ref);
    const meant = meantSpans(model.index, res.kinds, candidates, res.ownerId);
    report({
      span: spanOf(ref.node),
      message: `\`${ref.field}\` names '${ref.value}', but no ${kind}${where} has that id.${candidates.length ? ` Did you mean ${quoteList(candidates)}?` : ''}`,
      ...(after ? { after } : {}),
      ...(meant ? { meant } : {}),
      data: { candidates, kinds: res.kinds, value: ref.value },
    });
  },
});
