/**
 * firewall.tf: per trust zone an address list (networks' CIDRs) or an interface list (uplinks
 * without a CIDR); filter rules from every firewall policy, one rule per protocol and per
 * destination (all of `protocols`, every zone of `destination_zones_ref`), chained with depends_on
 * so RouterOS keeps the policies' priority order; masquerade towards the uplinks.
 */
import { get, items, networkView, scalar, str, type Entity } from '../../server/src/core';
import { attr, block, expr, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { derivedName, tfName } from './shared';

interface Match {
  label: string;
  attrs: Record<string, string>;
}

const PORTED = new Set(['tcp', 'udp', 'sctp', 'udp-lite', 'dccp']);

export function zoneLists(r: RouterView): { addressLists: Map<string, string[]>; interfaceLists: Map<string, string[]> } {
  const addressLists = new Map<string, string[]>();
  const interfaceLists = new Map<string, string[]>();
  for (const n of r.networks) {
    if (!n.trustZone) continue;
    if (n.parsed && n.cidr) addressLists.set(n.trustZone, [...(addressLists.get(n.trustZone) ?? []), n.cidr]);
    else if (n.interfaceRef) {
      const iface = r.ifaceName(n.interfaceRef);
      if (iface) interfaceLists.set(n.trustZone, [...(interfaceLists.get(n.trustZone) ?? []), iface]);
    }
  }
  return { addressLists, interfaceLists };
}

export function firewallBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [];
  const { addressLists, interfaceLists } = zoneLists(r);
  for (const zone of [...addressLists.keys()].sort()) {
    for (const n of r.networks.filter((x) => x.trustZone === zone && x.parsed && x.cidr)) {
      const name = tfName(ctx, n.entity, `zone_`);
      if (!name) continue;
      out.push(block('resource', ['routeros_ip_firewall_addr_list', name], [...attr('list', `zone-${zone}`), ...attr('address', n.cidr), ...attr('comment', n.id)]));
    }
  }
  for (const zone of [...interfaceLists.keys()].sort()) {
    const list = derivedName('zone', zone);
    out.push(block('resource', ['routeros_interface_list', list], [...attr('name', `zone-${zone}`), ...attr('comment', `Interfaces of trust zone ${zone}`)]));
    for (const iface of interfaceLists.get(zone)!) {
      out.push(block('resource', ['routeros_interface_list_member', derivedName('zone', zone, iface)], [...attr('list', expr(`routeros_interface_list.${list}.name`)), ...attr('interface', iface)]));
    }
  }
  const side = (dir: 'src' | 'dst', zone: string | undefined, networkId: string | undefined): Match | undefined => {
    if (networkId) {
      const net = ctx.index.first('network', networkId);
      const v = net ? networkView(ctx.model, net) : undefined;
      if (v?.cidr && v.parsed) return { label: networkId, attrs: { [`${dir}_address`]: v.cidr } };
      const iface = v?.interfaceRef ? r.ifaceName(v.interfaceRef) : undefined;
      if (iface) return { label: networkId, attrs: { [dir === 'src' ? 'in_interface' : 'out_interface']: iface } };
      return undefined;
    }
    if (zone) {
      if (addressLists.has(zone)) return { label: zone, attrs: { [`${dir}_address_list`]: `zone-${zone}` } };
      if (interfaceLists.has(zone)) return { label: zone, attrs: { [dir === 'src' ? 'in_interface_list' : 'out_interface_list']: `zone-${zone}` } };
    }
    return undefined;
  };
  const policies = [...ctx.index.ofKind('firewall_policy')].filter((p) => appliesHere(ctx, p, r)).sort((a, b) => num(a) - num(b) || (a.id < b.id ? -1 : 1));
  let previous: string | undefined;
  for (const p of policies) {
    const base = tfName(ctx, p);
    if (!base) continue;
    const s = (k: string) => str(get(p.node, k));
    const srcZone = s('source_zone_ref');
    const srcNet = s('source_network_ref');
    const src = side('src', srcZone, srcNet);
    if ((srcZone || srcNet) && !src) {
      ctx.report(
        'generator-missing-value',
        'warning',
        `Firewall policy '${p.id}' source '${srcNet ?? srcZone}' has no address or interface on '${r.device.id}'; the policy is left out rather than widened to any source.`,
        p,
      );
      continue;
    }
    const destZones = [...items(get(p.node, 'destination_zones_ref')).flatMap((z) => (str(z) ? [str(z)!] : [])), ...(s('destination_zone_ref') ? [s('destination_zone_ref')!] : [])];
    const dstNet = s('destination_network_ref');
    const dests: (Match | undefined)[] = dstNet ? [side('dst', undefined, dstNet)] : destZones.length ? destZones.map((z) => side('dst', z, undefined)) : [undefined];
    if (dests.some((d, i) => d === undefined && (dstNet || destZones[i]))) {
      ctx.report('generator-missing-value', 'warning', `Firewall policy '${p.id}' names a destination with no address or interface on '${r.device.id}'; that destination is left out.`, p);
    }
    const protocols = items(get(p.node, 'protocols')).flatMap((x) => (str(x) ? [str(x)!] : []));
    const protos = protocols.length === 0 || protocols.includes('any') ? [undefined] : protocols;
    const ports = items(get(p.node, 'ports'))
      .map((x) => String(scalar(x)))
      .join(',');
    const state = items(get(p.node, 'connection_state'))
      .flatMap((x) => (str(x) ? [str(x)!] : []))
      .join(',');
    const targets = dests.filter((d, i) => d !== undefined || !(dstNet || destZones[i]));
    for (const dst of targets) {
      for (const proto of protos) {
        const name = [base, dst && (destZones.length > 1 || dstNet) ? derivedName(dst.label) : '', proto ? derivedName(proto) : ''].filter(Boolean).join('_');
        const body: HclItem[] = [
          ...attr('chain', s('chain') ?? 'forward'),
          ...attr('action', s('action') ?? 'accept'),
          ...Object.entries(src?.attrs ?? {}).flatMap(([k, v]) => attr(k, v)),
          ...Object.entries(dst?.attrs ?? {}).flatMap(([k, v]) => attr(k, v)),
          ...attr('protocol', proto),
          ...attr('dst_port', proto && PORTED.has(proto) && ports ? ports : undefined),
          ...attr('connection_state', state || undefined),
          ...attr('comment', `${p.id}: ${s('name') ?? ''}`.trim()),
        ];
        if (previous) body.push(...attr('depends_on', [expr(`routeros_ip_firewall_filter.${previous}`)]));
        out.push(block('resource', ['routeros_ip_firewall_filter', name], body));
        previous = name;
      }
    }
  }
  for (const zone of [...interfaceLists.keys()].sort()) {
    if (!r.uplinks.some((u) => u.trustZone === zone)) continue;
    out.push(
      block(
        'resource',
        ['routeros_ip_firewall_nat', derivedName('masquerade', zone)],
        [
          ...attr('chain', 'srcnat'),
          ...attr('action', 'masquerade'),
          ...attr('out_interface_list', expr(`routeros_interface_list.${derivedName('zone', zone)}.name`)),
          ...attr('comment', `Masquerade towards trust zone ${zone}`),
        ],
      ),
    );
  }
  return out;
}

function num(p: Entity): number {
  const v = scalar(get(p.node, 'priority'));
  return typeof v === 'number' ? v : Number.MAX_SAFE_INTEGER;
}

/** A policy belongs to this router when it is attached to one of its networks or names none of another router's. */
function appliesHere(ctx: GeneratorContext, p: Entity, r: RouterView): boolean {
  const mine = new Set(r.networks.map((n) => n.id));
  const attached = ctx.index.ofKind('network').filter((n) => items(get(n.node, 'firewall_policy_refs')).some((x) => str(x) === p.id));
  if (attached.length) return attached.some((n) => mine.has(n.id));
  const nets = ['source_network_ref', 'destination_network_ref'].map((k) => str(get(p.node, k))).filter((x): x is string => !!x);
  return nets.length === 0 || nets.some((n) => mine.has(n));
}
