import { addressModel, cidrContains, cidrContainsRange, formatCidr, formatIp, rangeContains, type HolderKind } from '../model/addresses';
import { holderName } from './address-text';
import { defineRule } from './rule';

/** Service IPs repeat their runtime's address; the runtime's holder is the static assignment. */
const ECHOES: HolderKind[] = ['service', 'docker-host'];

export const dhcpRangeConflict = defineRule({
  id: 'dhcp-range-conflict',
  severity: 'warning',
  category: 'network',
  description: "A static address lies in the network's DHCP range, or the DHCP range lies outside the CIDR.",
  docs: `The DHCP server hands out every address of \`dhcp_range\`; a static address inside it (an allocation, a NIC, a bridge or the gateway) will sooner or later be leased to another host as well, and both lose connectivity. A \`dhcp_range\` that is not inside the network's \`cidr\` makes the DHCP server refuse to start or hand out unroutable addresses.

Move the static address out of the pool (the quick fix "Use next free address" skips the pool), or shrink the pool. Addresses count for a network when they are declared in it (allocations, \`network_ref\`) or, for holders without a network, when they lie inside its CIDR.`,
  over: 'model',
  check(model, { report }) {
    const am = addressModel(model);
    for (const net of am.networks.values()) {
      const range = net.dhcpRange;
      if (!range) continue;
      const cidr = net.cidr?.value;
      if (cidr && !cidrContainsRange(cidr, range.value)) {
        report({
          span: range.span,
          message: `DHCP range ${range.text} of ${net.entity.id} is not inside its CIDR ${formatCidr(cidr)} (${model.where(net.cidr!.span)}). The DHCP server would lease addresses hosts cannot use; keep the range inside ${formatCidr(cidr)}.`,
          related: [{ span: net.cidr!.span, message: `${net.entity.id}: ${formatCidr(cidr)}` }],
        });
      }
      for (const h of am.holders) {
        if (ECHOES.includes(h.kind) || !rangeContains(range.value, h.ip)) continue;
        const belongs = h.networkId ? h.networkId === net.networkId : cidr !== undefined && cidrContains(cidr, h.ip);
        if (!belongs) continue;
        report({
          span: h.span,
          message: `Static address ${formatIp(h.ip)} of ${holderName(h)} lies in the DHCP range ${range.text} of ${net.entity.id} at ${model.where(range.span)}. The DHCP server may lease it to another host; move the address out of the pool or shrink the pool.`,
          related: [{ span: range.span, message: `${net.entity.id} dhcp_range ${range.text}` }],
          data: { address: h.address, networkId: net.entity.id },
        });
      }
    }
  },
});
