import { spanOf } from '../model/extract';
import { ownerValueSpans } from '../model/resolve';
import { defineRule } from './rule';

export const typedRef = defineRule({
  id: 'typed-ref',
  severity: 'error',
  category: 'reference',
  description: 'A reference names an entity of the right kind but the wrong class or owner.',
  docs: `Some fields need more than a kind, and the schema says which with \`x-ref\` \`where\`/\`whereNot\`/\`ownedBy\` (docs/schema-keywords.md): \`managed_by_ref\` and L0 \`network_manager_device_ref\` need a device of class network, \`upstream_power_ref\`, \`ups_ref\` and a power policy's \`device_ref\` a device of class power; a data or power link endpoint's \`interface_ref\`, a network's \`interface_ref\` and a bridge's \`ports\` an interface of the device named beside them; a media attachment's \`slot_ref\` a slot of its device; a link endpoint cannot be a provider instance.

The target exists, so \`ref-unknown\` is silent, but a generator would configure the wrong box: a UPS monitor on a hypervisor, a VLAN on another router's port. Point the field at an entity of the right class or owner (the message says which), or fix the target's \`class\`/\`substrate\` if that is what is wrong.`,
  over: 'refs',
  check(ref, { model, report }) {
    const res = model.resolve(ref);
    if (res.status !== 'wrong-target') return;
    const after = ownerValueSpans(ref);
    report({
      span: spanOf(ref.node),
      message: `\`${ref.field}\` names ${res.target.kind} '${ref.value}' (${model.where(res.target.idSpan)}), but ${res.reason}.`,
      related: [{ span: res.target.idSpan, message: `${res.target.kind} '${res.target.id}'` }],
      ...(after ? { after } : {}),
    });
  },
});
