/** Network pages: diagram, IP allocation per network, VLANs, trust zones. */
import { addressUsage, get, items, networkAddressing, networkHolders, networkViews, nicAddress, nics, scalar, str, type AddressHolder, type NetworkView } from '../../server/src/core';
import { mdCode, mdTable, mdText } from '../emit/markdown';
import { Flowchart } from '../emit/mermaid';
import type { GeneratorContext } from '../types';

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function networkDiagram(ctx: GeneratorContext): string {
  const nets = sortById(networkViews(ctx.model));
  const chart = new Flowchart('LR');
  const drawn = new Set<string>();
  const node = (id: string, label: string, shape: Parameters<Flowchart['node']>[2] = 'box') => {
    if (!drawn.has(id)) chart.node(id, label, shape);
    drawn.add(id);
  };
  for (const n of nets) {
    if (n.managedBy) node(n.managedBy, n.managedBy, 'hex');
    node(n.id, `${n.name}${n.vlan !== undefined ? ` (VLAN ${n.vlan})` : ''} ${n.cidr ?? ''}`.trim(), 'round');
    if (n.managedBy) chart.edge(n.managedBy, n.id, n.gateway ?? n.cidr);
  }
  for (const b of sortById(ctx.index.ofKind('bridge'))) {
    node(b.id, `bridge ${str(get(b.node, 'name')) ?? b.id}`);
    const device = str(get(b.node, 'device_ref'));
    if (device) {
      node(device, device, 'hex');
      chart.edge(b.id, device);
    }
  }
  for (const kind of ['lxc', 'vm'] as const) {
    for (const g of sortById(ctx.index.ofKind(kind))) {
      node(g.id, `${kind === 'lxc' ? 'LXC' : 'VM'} ${str(get(g.node, 'name')) ?? g.id}`, 'stadium');
      for (const nic of nics(g)) if (nic.networkRef) chart.edge(nic.networkRef, g.id, nicAddress(ctx.model, g, nic)?.address);
      const device = str(get(g.node, 'device_ref'));
      if (device && drawn.has(device)) chart.edge(device, g.id, undefined, true);
    }
  }
  for (const n of nets) {
    if (n.bridgeRef && drawn.has(n.bridgeRef)) chart.edge(n.id, n.bridgeRef, n.vlan !== undefined ? `tag ${n.vlan}` : undefined);
    for (const a of items(get(n.entity.node, 'ip_allocations'))) {
      const dev = str(get(a, 'device_ref')) ?? str(get(a, 'host_os_ref'));
      if (!dev) continue;
      node(dev, dev, 'hex');
      chart.edge(n.id, dev, str(get(a, 'ip')));
    }
  }
  return `# Network diagram\n\nRouters, networks (with VLAN and CIDR), bridges, guests and the addresses that join them.\n\n${chart}`;
}

function usageRow(n: NetworkView, ctx: GeneratorContext): string[] {
  const na = networkAddressing(ctx.model).networks.get(n.id);
  const u = na && addressUsage(na, networkHolders(ctx.model, n.id), n.dhcp);
  return [
    mdCode(n.id),
    mdText(n.cidr),
    mdText(n.gateway),
    mdText(n.vlan),
    mdText(n.trustZone),
    mdText(u?.used),
    mdText(u?.free.toString()),
    mdText(u && n.dhcp ? `${u.dhcp} (${n.dhcpRange ?? '?'})` : 'off'),
  ];
}

interface HolderRow {
  holder: AddressHolder;
  /** Who holds it as written: the router, the allocation's device or host OS, the guest or the bridge. */
  id: string;
  kind: string;
  note: string | undefined;
}

/** Each address of a network once per holder, in address order (IPv4 before IPv6). */
function holderRows(ctx: GeneratorContext, n: NetworkView): HolderRow[] {
  const rows = new Map<string, HolderRow>();
  for (const h of networkHolders(ctx.model, n.id)) {
    const row = holderRow(n, h);
    if (row) rows.set(`${h.address} ${row.id}`, rows.get(`${h.address} ${row.id}`) ?? row);
  }
  const order = (a: HolderRow, b: HolderRow) =>
    a.holder.ip.family - b.holder.ip.family || (a.holder.ip.value < b.holder.ip.value ? -1 : a.holder.ip.value > b.holder.ip.value ? 1 : 0) || (a.id < b.id ? -1 : 1);
  return [...rows.values()].sort(order);
}

function holderRow(n: NetworkView, h: AddressHolder): HolderRow | undefined {
  const written = (k: string) => str(get(h.source, k));
  switch (h.kind) {
    case 'gateway':
      return { holder: h, id: n.managedBy ?? n.id, kind: 'gateway', note: 'gateway' };
    case 'allocation': {
      const hos = written('host_os_ref');
      return { holder: h, id: hos ?? written('device_ref') ?? '?', kind: hos ? 'host_os' : 'device', note: written('description') };
    }
    case 'lxc-nic':
    case 'vm-nic':
    case 'bridge':
      return { holder: h, id: h.owner.id, kind: h.kind === 'bridge' ? 'bridge' : h.owner.kind, note: str(get(h.owner.node, 'name')) };
    default:
      return undefined;
  }
}

export function ipAllocation(ctx: GeneratorContext): string {
  const nets = sortById(networkViews(ctx.model));
  let out =
    '# IP allocation\n\nAddresses per network: gateway, allocations, guest NICs and bridge addresses. *Free* counts usable addresses outside the DHCP pool and reserved ranges that nothing holds.\n\n';
  out += mdTable(
    ['Network', 'CIDR', 'Gateway', 'VLAN', 'Trust zone', 'Used', 'Free', 'DHCP pool'],
    nets.map((n) => usageRow(n, ctx)),
  );
  for (const n of nets) {
    out += `\n## ${mdText(n.name)} (${mdCode(n.id)})\n\n`;
    out += mdTable(
      ['Address', 'Holder', 'Kind', 'Note'],
      holderRows(ctx, n).map((r) => [mdCode(r.holder.address), mdCode(r.id), mdText(r.kind), mdText(r.note)]),
    );
  }
  return out;
}

export function vlans(ctx: GeneratorContext): string {
  const nets = networkViews(ctx.model)
    .filter((n) => n.vlan !== undefined)
    .sort((a, b) => a.vlan! - b.vlan! || (a.id < b.id ? -1 : 1));
  return `# VLANs\n\n${mdTable(
    ['VLAN', 'Network', 'CIDR', 'Trust zone', 'Bridge', 'Router', 'Description'],
    nets.map((n) => [mdText(n.vlan), mdCode(n.id), mdText(n.cidr), mdText(n.trustZone), mdText(n.bridgeRef), mdText(n.managedBy), mdText(n.description)]),
  )}`;
}

export function trustZones(ctx: GeneratorContext): string {
  const zones = sortById(ctx.index.ofKind('trust_zone'));
  const nets = networkViews(ctx.model);
  const rows = zones.map((z) => {
    const level = scalar(get(z.node, 'security_level'));
    return [
      mdCode(z.id),
      mdText(str(get(z.node, 'name'))),
      mdText(typeof level === 'number' ? level : undefined),
      mdText(
        nets
          .filter((n) => n.trustZone === z.id)
          .map((n) => n.id)
          .sort()
          .join(', '),
      ),
      mdText(str(get(z.node, 'description'))),
    ];
  });
  const chart = new Flowchart('LR');
  for (const z of zones) chart.node(z.id, `${str(get(z.node, 'name')) ?? z.id} (level ${String(scalar(get(z.node, 'security_level')) ?? '?')})`);
  for (const z of zones) for (const to of items(get(z.node, 'allowed_outbound'))) if (str(to) && zones.some((x) => x.id === str(to))) chart.edge(z.id, str(to)!, 'may open');
  return `# Trust zones\n\n${mdTable(['Zone', 'Name', 'Security level', 'Networks', 'Description'], rows)}\n## Allowed outbound flows\n\n${chart}`;
}
