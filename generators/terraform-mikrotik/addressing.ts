/**
 * addresses.tf and dhcp.tf: gateway addresses, uplink DHCP clients, pools, servers and server
 * networks. Every network the router manages gets its address (or DHCP client) and, with
 * `dhcp: true`, its pool and server; one it cannot is named in a warning with the reason.
 */
import { claimFirst } from '../claims';
import { attr, block, expr, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { uplinkDefaultDistance } from './routes';
import { tfName } from './shared';
import type { NetworkView } from '../../server/src/core';

const isUplink = (n: NetworkView) => !n.parsed && n.cidr === 'dhcp';

export function addressBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [];
  for (const n of r.networks) {
    const name = tfName(ctx, n.entity);
    if (!name) continue;
    const left = n.dhcp && !isUplink(n) ? 'its address, DHCP pool and server are left out' : 'its address is left out';
    if (isUplink(n)) {
      const iface = r.interfaceOf(n);
      if (!iface) {
        ctx.report(
          'generator-missing-value',
          'warning',
          `Uplink '${n.id}' is addressed by DHCP (cidr: dhcp) but names no interface of '${r.device.id}' (interface_ref); its DHCP client is left out.`,
          n.entity,
        );
        continue;
      }
      out.push(
        block(
          'resource',
          ['routeros_ip_dhcp_client', name],
          [
            ...attr('interface', iface),
            ...attr('add_default_route', 'yes'),
            ...attr('default_route_distance', uplinkDefaultDistance(ctx, r, iface)),
            ...attr('use_peer_dns', true),
            ...attr('comment', `${n.id}: ${n.name}`),
          ],
        ),
      );
      continue;
    }
    const iface = r.interfaceOf(n);
    if (!iface || !n.parsed) {
      const why = n.parsed ? r.noInterfaceReason(n) : `its cidr '${n.cidr ?? ''}' is not an address range`;
      ctx.report('generator-missing-value', 'warning', `Network '${n.id}' is managed by '${r.device.id}', but ${why}; ${left}.`, n.entity);
      continue;
    }
    if (!n.gateway) {
      ctx.report('generator-missing-value', 'warning', `Network '${n.id}' is managed by '${r.device.id}' but has no gateway, so the router has no address in it; ${left}.`, n.entity);
      continue;
    }
    out.push(block('resource', ['routeros_ip_address', name], [...attr('address', `${n.gateway}/${n.parsed.prefix}`), ...attr('interface', iface), ...attr('comment', `${n.id}: ${n.name}`)]));
  }
  return out;
}

function secondDhcpServerMessage(n: NetworkView, iface: string, other: string): string {
  return `Network '${n.id}' runs DHCP on ${iface}, where '${other}' already has the DHCP server (RouterOS runs one per interface); its pool and server are left out.`;
}

export function dhcpBlocks(ctx: GeneratorContext, r: RouterView, domain: string | undefined): HclItem[] {
  const out: HclItem[] = [];
  // RouterOS runs one DHCP server per interface.
  const served = new Map<string, string>();
  for (const n of r.networks) {
    if (!n.dhcp || isUplink(n)) continue;
    const name = tfName(ctx, n.entity);
    const iface = r.interfaceOf(n);
    // Without an interface or a gateway the address warning above already names the network.
    if (!name || !iface || !n.gateway || !n.parsed) continue;
    if (!n.dhcpRange) {
      ctx.report('generator-missing-value', 'warning', `Network '${n.id}' has dhcp: true but no dhcp_range; its DHCP pool and server are left out.`, n.entity);
      continue;
    }
    const other = claimFirst(served, iface, n.id);
    if (other) {
      ctx.report('generator-missing-value', 'warning', secondDhcpServerMessage(n, iface, other), n.entity);
      continue;
    }
    out.push(
      block('resource', ['routeros_ip_pool', name], [...attr('name', `pool-${n.id}`), ...attr('ranges', [n.dhcpRange.replace(/\s+/g, '')]), ...attr('comment', n.id)]),
      block(
        'resource',
        ['routeros_ip_dhcp_server', name],
        [...attr('name', `dhcp-${n.id}`), ...attr('interface', iface), ...attr('address_pool', expr(`routeros_ip_pool.${name}.name`)), ...attr('comment', n.id)],
      ),
      block(
        'resource',
        ['routeros_ip_dhcp_server_network', name],
        [...attr('address', n.cidr), ...attr('gateway', n.gateway), ...attr('dns_server', n.dns.length ? n.dns : undefined), ...attr('domain', domain), ...attr('comment', n.id)],
      ),
    );
  }
  return out;
}
