import { cidrContains, formatCidr, formatIp, parseIpWithPrefix, networkAddressing, prefixFor, type NetworkAddressing } from '../model/addresses';
import { nics } from '../model/canonical';
import { spanOf } from '../model/extract';
import type { Span } from '../types';
import { deref, get, str } from '../workspace/nodes';
import { defineRule, type Report } from './rule';
import { eachEntity } from '../incremental/per-entity';

export const gatewayOutsideNetwork = defineRule({
  id: 'gateway-outside-network',
  severity: 'error',
  category: 'network',
  description: 'A gateway lies outside the network it serves.',
  docs: [
    "A network's `gateway`, an LXC/VM NIC's `gateway` (or `ip_config.gateway`) and a bridge's `gateway` must lie inside the CIDR of the network they belong to (the network itself, or the NIC's or bridge's `network_ref`). IPv6 gateways are checked against the `ipv6.networks[]` prefix of the network.",
    '',
    "A gateway outside the subnet is unreachable without a route, so every host using it loses everything beyond its own network. Correct the gateway (usually the network's first address, the router's), or the `network_ref`.",
  ].join('\n'),
  check({ model, report }) {
    // Each check reads the networks' addressing itself, so a guest's check depends on it too.
    const check = (text: string, span: Span, networkId: string, what: string, out: Report = report) => {
      const p = parseIpWithPrefix(text);
      if (!p.ok) return; // malformed addresses are cidr-invalid's
      const ip = p.value.ip;
      const net: NetworkAddressing | undefined = prefixFor(networkAddressing(model), networkId, ip);
      if (!net || cidrContains(net.cidr!.value, ip)) return;
      const cidr = formatCidr(net.cidr!.value);
      out({
        span,
        message: `Gateway ${formatIp(ip)} of ${what} lies outside ${cidr}, the ${net.entity.id === networkId ? 'CIDR' : `IPv6 prefix (${net.entity.id})`} of ${networkId} at ${model.where(net.cidr!.span)}. Hosts cannot reach a gateway outside their subnet; use the router's address inside ${cidr}.`,
        related: [{ span: net.cidr!.span, message: `${networkId}: ${cidr}` }],
      });
    };
    for (const na of networkAddressing(model).networks.values()) {
      if (na.gateway && na.entity.kind === 'network') check(na.gateway.text, na.gateway.span, na.networkId, na.entity.id);
    }
    // A guest's gateways are checked again only when its file or the networks changed.
    eachEntity(model, 'gateway-outside-network', [...model.index.ofKind('lxc'), ...model.index.ofKind('vm')], report, (guest, report) => {
      nics(guest).forEach((nic, i) => {
        if (nic.networkRef && nic.gatewayNode && typeof nic.gatewayNode.value === 'string')
          check(nic.gatewayNode.value, spanOf(nic.gatewayNode), nic.networkRef, `networks[${i}] of ${guest.id}`, report);
      });
    });
    for (const br of model.index.ofKind('bridge')) {
      const g = deref(get(br.node, 'gateway'));
      const net = str(get(br.node, 'network_ref'));
      if (net && g?.kind === 'scalar' && typeof g.value === 'string') check(g.value, spanOf(g), net, br.id);
    }
  },
});
