/**
 * routes.tf: the static routes of this router (`L2_network.routing[]` with its `device_ref`). A
 * default route through a DHCP uplink is that uplink's DHCP client route (its distance is set
 * there); a route to a network the router manages is connected (RouterOS adds it). Every other
 * route is written, or named with the reason it is not.
 */
import { get, networkView, scalar, str, type Entity } from '../../server/src/core';
import { attr, block, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { tfName } from './shared';

const DEFAULT = /^0\.0\.0\.0\/0$/;

/** The routes on this router, in id order. */
export function routerRoutes(ctx: GeneratorContext, r: RouterView): Entity[] {
  return ctx.index
    .ofKind('route')
    .filter((x) => str(get(x.node, 'device_ref')) === r.device.id)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The distance of the default route a DHCP uplink on `iface` stands for, if a route says so. */
export function uplinkDefaultDistance(ctx: GeneratorContext, r: RouterView, iface: string): number | undefined {
  const route = routerRoutes(ctx, r).find((x) => DEFAULT.test(str(get(x.node, 'destination_cidr')) ?? '') && str(get(x.node, 'via')) === iface && !str(get(x.node, 'next_hop')));
  const p = scalar(get(route?.node, 'priority'));
  return typeof p === 'number' ? p : undefined;
}

export function routeBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [];
  const dhcpUplinks = new Set(r.uplinks.filter((u) => u.cidr === 'dhcp').map((u) => r.interfaceOf(u)));
  const managed = new Set(r.networks.map((n) => n.id));
  for (const route of routerRoutes(ctx, r)) {
    const s = (k: string) => str(get(route.node, k));
    const dstNetId = s('destination_network_ref');
    const dstNet = ctx.index.first('network', dstNetId);
    const dst = s('destination_cidr') ?? (dstNet ? networkView(ctx.model, dstNet).cidr : undefined);
    const gateway = s('next_hop') ?? s('via');
    if (dstNetId && managed.has(dstNetId)) {
      ctx.report(
        'generator-implied',
        'info',
        `Route '${route.id}' reaches '${dstNetId}', a network '${r.device.id}' manages: RouterOS adds that connected route itself, so routes.tf has nothing for it.`,
        route,
      );
      continue;
    }
    if (dst && DEFAULT.test(dst) && !s('next_hop') && dhcpUplinks.has(s('via'))) continue; // the uplink's DHCP client writes it
    if (!dst || !/\//.test(dst) || !gateway) {
      const why = !dst || !/\//.test(dst) ? 'no destination address range (destination_cidr, or a destination_network_ref with a cidr)' : 'no gateway (next_hop or via)';
      ctx.report('generator-missing-value', 'warning', `Route '${route.id}' has ${why}; it is left out of routes.tf.`, route);
      continue;
    }
    if (s('source_network_ref')) {
      ctx.report(
        'generator-unsupported',
        'warning',
        `Route '${route.id}' routes by source ('${s('source_network_ref')}'), which needs a routing table and mangle rules the RouterOS generator does not write; it is left out of routes.tf.`,
        route,
      );
      continue;
    }
    const name = tfName(ctx, route);
    if (!name) continue;
    const distance = scalar(get(route.node, 'priority'));
    out.push(
      block(
        'resource',
        ['routeros_ip_route', name],
        [
          ...attr('dst_address', dst),
          ...attr('gateway', gateway),
          ...attr('distance', typeof distance === 'number' ? distance : undefined),
          ...attr('check_gateway', s('check_gateway')),
          ...attr('comment', `${route.id}: ${s('name') ?? ''}`.trim()),
        ],
      ),
    );
  }
  return out;
}
