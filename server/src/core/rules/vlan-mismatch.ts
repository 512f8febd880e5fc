import { nics } from '../model/canonical';
import { spanOf } from '../model/extract';
import { deref, get } from '../workspace/nodes';
import { defineRule } from './rule';

export const vlanMismatch = defineRule({
  id: 'vlan-mismatch',
  severity: 'error',
  category: 'network',
  description: "An LXC/VM NIC's `vlan_tag` differs from its network's `vlan`.",
  docs: `A guest NIC on a VLAN-aware bridge reaches its network only when its \`vlan_tag\` equals the \`vlan\` of the network named by its \`network_ref\`. A different tag puts the guest in another VLAN (an error); a tag on an untagged network (\`vlan: null\`) is an error too.

When the network has a VLAN and the NIC has no tag, the guest lands in the bridge's native VLAN: that is a warning, since a bridge can map it deliberately. Set \`vlan_tag\` to the network's \`vlan\`, or fix \`network_ref\`.`,
  over: 'entities',
  kinds: ['lxc', 'vm'],
  check(guest, { model, report }) {
    nics(guest).forEach((nic, i) => {
      const net = model.index.first('network', nic.networkRef);
      if (!net) return;
      const vlanNode = deref(get(net.node, 'vlan'));
      const vlan = vlanNode?.kind === 'scalar' && typeof vlanNode.value === 'number' ? vlanNode.value : undefined;
      const where = vlanNode ? model.where(spanOf(vlanNode)) : model.where(net.idSpan);
      const nicName = `networks[${i}] of ${guest.id}`;
      if (nic.vlanTag !== undefined && nic.vlanTag !== vlan) {
        report({
          span: spanOf(nic.vlanTagNode!),
          message:
            vlan === undefined
              ? `${nicName} is tagged with VLAN ${nic.vlanTag}, but ${net.id} is untagged (${where}). The guest would send tagged frames nobody reads; remove vlan_tag or set the network's vlan.`
              : `${nicName} is tagged with VLAN ${nic.vlanTag}, but ${net.id} is VLAN ${vlan} (${where}). The guest would land in another VLAN; set vlan_tag: ${vlan}.`,
          ...(vlanNode ? { related: [{ span: spanOf(vlanNode), message: `${net.id} vlan` }] } : {}),
          data: vlan !== undefined ? { vlan } : {},
        });
      } else if (nic.vlanTag === undefined && vlan !== undefined && nic.networkRefNode) {
        report({
          span: spanOf(nic.networkRefNode),
          severity: 'warning',
          message: `${nicName} has no vlan_tag, but ${net.id} is VLAN ${vlan} (${where}). Untagged, the guest lands in the bridge's native VLAN instead; add vlan_tag: ${vlan}.`,
          related: [{ span: spanOf(vlanNode!), message: `${net.id} vlan` }],
          data: { vlan },
        });
      }
    });
  },
});
