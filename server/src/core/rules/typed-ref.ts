import { spanOf } from '../model/extract';
import { defineRule } from './rule';

export const typedRef = defineRule({
  id: 'typed-ref',
  severity: 'error',
  category: 'reference',
  description: 'A reference names an entity of the right kind but the wrong class or owner.',
  docs: 'Some fields need more than a kind: `managed_by_ref` needs a device of class network, `upstream_power_ref` and `ups_ref` a device of class power, an endpoint\'s `interface_ref` an interface of that endpoint\'s device, a data link\'s device cannot be a provider instance.',
  check({ model, report }) {
    for (const ref of model.refs) {
      const res = model.resolve(ref);
      if (res.status !== 'wrong-target') continue;
      report({
        span: spanOf(ref.node),
        message: `\`${ref.field}\` names ${res.target.kind} '${ref.value}', but ${res.reason}.`,
        related: [{ span: res.target.idSpan, message: `${res.target.kind} '${res.target.id}'` }],
      });
    }
  },
});
