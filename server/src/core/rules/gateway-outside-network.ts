import { cidrContains, formatCidr, formatIp, parseIpWithPrefix, networkAddressing, prefixFor, type NetworkAddressing } from '../model/addresses';
import { nics } from '../model/canonical';
import { spanOf } from '../model/extract';
import type { Span } from '../types';
import { deref, get, str } from '../workspace/nodes';
import { defineRule, type Report } from './rule';
import type { TopologyModel } from '../model/model';

export const gatewayOutsideNetwork = defineRule({
  id: 'gateway-outside-network',
  severity: 'error',
  category: 'network',
  description: 'A gateway lies outside the network it serves.',
  docs: `A network's \`gateway\`, an LXC/VM NIC's \`gateway\` (or \`ip_config.gateway\`) and a bridge's \`gateway\` must lie inside the CIDR of the network they belong to (the network itself, or the NIC's or bridge's \`network_ref\`). IPv6 gateways are checked against the \`ipv6.networks[]\` prefix of the network.

A gateway outside the subnet is unreachable without a route, so every host using it loses everything beyond its own network. Correct the gateway (usually the network's first address, the router's), or the \`network_ref\`.`,
  over: 'entities',
  kinds: ['network', 'lxc', 'vm', 'bridge'],
  check(e, { model, report }) {
    if (e.kind === 'network') {
      const na = networkAddressing(model).networks.get(e.id);
      if (na?.entity === e && na.gateway) checkGateway(model, report, na.gateway.text, na.gateway.span, na.networkId, e.id);
    } else if (e.kind === 'bridge') {
      const g = deref(get(e.node, 'gateway'));
      const net = str(get(e.node, 'network_ref'));
      if (net && g?.kind === 'scalar' && typeof g.value === 'string') checkGateway(model, report, g.value, spanOf(g), net, e.id);
    } else {
      nics(e).forEach((nic, i) => {
        if (nic.networkRef && nic.gatewayNode && typeof nic.gatewayNode.value === 'string')
          checkGateway(model, report, nic.gatewayNode.value, spanOf(nic.gatewayNode), nic.networkRef, `networks[${i}] of ${e.id}`);
      });
    }
  },
});

/** A gateway against the prefix of its network; each check reads the networks' addressing itself. */
function checkGateway(model: TopologyModel, report: Report, text: string, span: Span, networkId: string, what: string): void {
  const p = parseIpWithPrefix(text);
  if (!p.ok) return; // malformed addresses are cidr-invalid's
  const ip = p.value.ip;
  const net: NetworkAddressing | undefined = prefixFor(networkAddressing(model), networkId, ip);
  if (!net || cidrContains(net.cidr!.value, ip)) return;
  const cidr = formatCidr(net.cidr!.value);
  report({
    span,
    message: `Gateway ${formatIp(ip)} of ${what} lies outside ${cidr}, the ${net.entity.id === networkId ? 'CIDR' : `IPv6 prefix (${net.entity.id})`} of ${networkId} at ${model.where(net.cidr!.span)}. Hosts cannot reach a gateway outside their subnet; use the router's address inside ${cidr}.`,
    related: [{ span: net.cidr!.span, message: `${networkId}: ${cidr}` }],
  });
}
