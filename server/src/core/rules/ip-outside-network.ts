import { addressModel, cidrContains, formatCidr, prefixFor, type HolderKind } from '../model/addresses';
import { holderName } from './address-text';
import { defineRule } from './rule';

/** Holders whose `network_ref` (or enclosing network) says which network the address is in. */
const TIED: HolderKind[] = ['allocation', 'lxc-nic', 'vm-nic', 'bridge'];

export const ipOutsideNetwork = defineRule({
  id: 'ip-outside-network',
  severity: 'error',
  category: 'network',
  description: "An address tied to a network lies outside that network's CIDR.",
  docs: `An \`ip_allocations[]\` entry belongs to its network; an LXC/VM NIC or a bridge with \`network_ref\` belongs to the named network. Its address must lie inside that network's \`cidr\` (IPv4) or, for an IPv6 address, inside the \`prefix\` of the \`ipv6.networks[]\` entry that names the network. The format's own validator never checks this.

A host configured outside its subnet cannot reach the gateway, and generators write the wrong address into Terraform and DHCP. Fix the address (the quick fix "Use next free address" picks one), or point \`network_ref\` at the network the address belongs to. Networks addressed by DHCP (\`cidr: dhcp\`) are not checked.`,
  over: 'model',
  check(model, { report }) {
    const am = addressModel(model);
    for (const h of am.holders) {
      if (!TIED.includes(h.kind) || !h.networkId) continue;
      const net = prefixFor(am, h.networkId, h.ip);
      if (!net || cidrContains(net.cidr!.value, h.ip)) continue;
      const cidr = formatCidr(net.cidr!.value);
      report({
        span: h.span,
        message: `Address ${h.address} of ${holderName(h)} lies outside ${cidr}, the ${net.entity.id === h.networkId ? 'CIDR' : `IPv6 prefix (${net.entity.id})`} of ${h.networkId} at ${model.where(net.cidr!.span)}. A host outside its subnet cannot reach the gateway; use an address inside ${cidr} or fix the network reference.`,
        related: [{ span: net.cidr!.span, message: `${h.networkId}: ${cidr}` }],
        data: { address: h.address, networkId: net.entity.id },
      });
    }
  },
});
