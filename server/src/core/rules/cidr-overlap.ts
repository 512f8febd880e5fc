import { cidrsOverlap, formatCidr, networkAddressing } from '../model/addresses';
import { defineRule } from './rule';

export const cidrOverlap = defineRule({
  id: 'cidr-overlap',
  severity: 'warning',
  category: 'network',
  description: 'Two networks have overlapping address ranges.',
  docs: `Each network's \`cidr\` (and each \`ipv6.networks[].prefix\`) should be disjoint from every other network's. When two ranges overlap, a router has two connected routes for the same addresses and traffic to them goes to whichever wins; DHCP pools and static allocations of the two networks can collide.

Fix one of the CIDRs. A deliberate overlap (a VPN range that re-uses a LAN on purpose) can be silenced with \`# strata-disable-next-line cidr-overlap\` above the \`cidr\`.`,
  over: 'model',
  check(model, { report }) {
    const nets = [...networkAddressing(model).networks.values()].filter((n) => n.cidr);
    for (const a of nets) {
      for (const b of nets) {
        if (a === b || a.networkId === b.networkId || !cidrsOverlap(a.cidr!.value, b.cidr!.value)) continue;
        report({
          span: a.cidr!.span,
          message: `${formatCidr(a.cidr!.value)} of ${a.entity.id} overlaps ${formatCidr(b.cidr!.value)} of ${b.entity.id} at ${model.where(b.cidr!.span)}. Routers cannot tell which network an address in both belongs to; make the ranges disjoint.`,
          related: [{ span: b.cidr!.span, message: `${b.entity.id}: ${formatCidr(b.cidr!.value)}` }],
        });
      }
    }
  },
});
