/** addresses.tf and dhcp.tf: gateway addresses, uplink DHCP clients, pools, servers and server networks. */
import { attr, block, expr, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { tfName } from './shared';

export function addressBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [];
  for (const n of r.networks) {
    const name = tfName(ctx, n.entity);
    if (!name) continue;
    if (n.parsed && n.gateway) {
      const iface = r.interfaceOf(n);
      if (!iface) {
        ctx.report('generator-missing-value', 'warning', `Network '${n.id}' has a gateway but no VLAN, interface or bridge on '${r.device.id}'; its address is left out.`, n.entity);
        continue;
      }
      out.push(
        block('resource', ['routeros_ip_address', name], [
          ...attr('address', `${n.gateway}/${n.parsed.prefix}`),
          ...attr('interface', iface),
          ...attr('comment', `${n.id}: ${n.name}`),
        ]),
      );
    } else if (n.interfaceRef && n.dhcp) {
      out.push(
        block('resource', ['routeros_ip_dhcp_client', name], [
          ...attr('interface', r.ifaceName(n.interfaceRef)),
          ...attr('add_default_route', 'yes'),
          ...attr('use_peer_dns', true),
          ...attr('comment', `${n.id}: ${n.name}`),
        ]),
      );
    }
  }
  return out;
}

export function dhcpBlocks(ctx: GeneratorContext, r: RouterView, domain: string | undefined): HclItem[] {
  const out: HclItem[] = [];
  for (const n of r.networks) {
    if (!n.dhcp || !n.parsed || !n.dhcpRange) continue;
    const name = tfName(ctx, n.entity);
    const iface = r.interfaceOf(n);
    if (!name || !iface) continue;
    out.push(
      block('resource', ['routeros_ip_pool', name], [...attr('name', `pool-${n.id}`), ...attr('ranges', [n.dhcpRange.replace(/\s+/g, '')]), ...attr('comment', n.id)]),
      block('resource', ['routeros_ip_dhcp_server', name], [
        ...attr('name', `dhcp-${n.id}`),
        ...attr('interface', iface),
        ...attr('address_pool', expr(`routeros_ip_pool.${name}.name`)),
        ...attr('comment', n.id),
      ]),
      block('resource', ['routeros_ip_dhcp_server_network', name], [
        ...attr('address', n.cidr),
        ...attr('gateway', n.gateway),
        ...attr('dns_server', n.dns.length ? n.dns : undefined),
        ...attr('domain', domain),
        ...attr('comment', n.id),
      ]),
    );
  }
  return out;
}
