import { addressModel, principalKey } from '../model/addresses';
import { holderAt, holderName } from './address-text';
import { defineRule } from './rule';

export const ipDuplicate = defineRule({
  id: 'ip-duplicate',
  severity: 'error',
  category: 'network',
  description: 'One IP address is held by two different things.',
  docs: `An address may belong to one thing only. Holders are network \`ip_allocations\`, device interfaces, LXC and VM NICs, explicit service IPs (\`ip\`, \`config.docker.host_ip\`), v4.0 \`external_services\` and bridge addresses, plus each network's gateway (held by its \`managed_by_ref\` router). IPv4 and IPv6 addresses are compared by value, so \`fd00::1\` and \`fd00:0::1\` are the same address.

A holder told apart from the other only because the ref that should name it (a service's runtime target, an allocation's device) names nothing is reported with that ref's finding, not on its own. Holders that are the same thing are not a conflict: a service's IP equal to its runtime container's or host's, a device's allocation equal to its bridge's address, two services on one container. DNS records only point at addresses and are never holders.

Two machines answering ARP for one address make connections land on either of them. Fix it by giving one of them another address; the quick fix "Use next free address" picks a free one in the network.`,
  over: 'model',
  check(model, { report }) {
    for (const all of addressModel(model).byAddress.values()) {
      // A gateway whose router the network does not name (no managed_by_ref) is whoever else holds it.
      const group = all.filter((h) => h.kind !== 'gateway' || h.principal);
      if (group.length < 2) continue;
      for (const h of group) {
        const key = principalKey(h);
        const others = group.filter((o) => principalKey(o) !== key);
        if (others.length === 0) continue;
        const shown = others.slice(0, 3).map((o) => holderAt(model, o));
        const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
        // Told apart only because a ref that should name the holder names nothing: a conflict that follows from that ref.
        const after = others.every((o) => h.unresolved || o.unresolved) ? [h.unresolved, ...others.map((o) => o.unresolved)].filter((s) => s !== undefined) : undefined;
        report({
          span: h.span,
          message: `Address ${h.address} of ${holderName(h)} is also held by ${shown.join(', ')}${more}. Two holders of one address break connectivity for both; give one of them another address.`,
          related: others.map((o) => ({ span: o.span, message: `also ${o.address}: ${o.label}` })),
          ...(after ? { after } : {}),
          data: { address: h.address, ...(h.networkId ? { networkId: h.networkId } : {}) },
        });
      }
    }
  },
});
