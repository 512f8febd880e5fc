/** Network pages: diagram, IP allocation per network, VLANs, trust zones. */
import { nics } from '../../server/src/core/model/canonical';
import { addressHolders, addressUsage, networkViews, type NetworkView } from '../../server/src/core/model/readings';
import { get, items, scalar, str } from '../../server/src/core/workspace/nodes';
import { mdCell, mdCode, mdTable } from '../emit/markdown';
import { Flowchart } from '../emit/mermaid';
import type { GeneratorContext } from '../types';

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function networkDiagram(ctx: GeneratorContext): string {
  const nets = sortById(networkViews(ctx.index));
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
      for (const nic of nics(g)) if (nic.networkRef) chart.edge(nic.networkRef, g.id, nic.ip);
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
  const u = addressUsage(n, addressHolders(n, ctx.index));
  return [mdCode(n.id), mdCell(n.cidr), mdCell(n.gateway), mdCell(n.vlan), mdCell(n.trustZone), mdCell(u?.used), mdCell(u?.free), mdCell(u && n.dhcp ? `${u.dhcp} (${n.dhcpRange ?? '?'})` : 'off')];
}

export function ipAllocation(ctx: GeneratorContext): string {
  const nets = sortById(networkViews(ctx.index));
  let out = '# IP allocation\n\nAddresses per network: gateway, allocations, guest NICs and bridge addresses. *Free* counts usable addresses outside the DHCP pool and reserved ranges that nothing holds.\n\n';
  out += mdTable(['Network', 'CIDR', 'Gateway', 'VLAN', 'Trust zone', 'Used', 'Free', 'DHCP pool'], nets.map((n) => usageRow(n, ctx)));
  for (const n of nets) {
    const holders = addressHolders(n, ctx.index);
    out += `\n## ${mdCell(n.name)} (${mdCode(n.id)})\n\n`;
    out += mdTable(['Address', 'Holder', 'Kind', 'Note'], holders.map((h) => [mdCode(h.ip), mdCode(h.holderId), mdCell(h.kind), mdCell(h.description)]));
  }
  return out;
}

export function vlans(ctx: GeneratorContext): string {
  const nets = networkViews(ctx.index)
    .filter((n) => n.vlan !== undefined)
    .sort((a, b) => a.vlan! - b.vlan! || (a.id < b.id ? -1 : 1));
  return `# VLANs\n\n${mdTable(['VLAN', 'Network', 'CIDR', 'Trust zone', 'Bridge', 'Router', 'Description'], nets.map((n) => [mdCell(n.vlan), mdCode(n.id), mdCell(n.cidr), mdCell(n.trustZone), mdCell(n.bridgeRef), mdCell(n.managedBy), mdCell(n.description)]))}`;
}

export function trustZones(ctx: GeneratorContext): string {
  const zones = sortById(ctx.index.ofKind('trust_zone'));
  const nets = networkViews(ctx.index);
  const rows = zones.map((z) => {
    const level = scalar(get(z.node, 'security_level'));
    return [mdCode(z.id), mdCell(str(get(z.node, 'name'))), mdCell(typeof level === 'number' ? level : undefined), mdCell(nets.filter((n) => n.trustZone === z.id).map((n) => n.id).sort().join(', ')), mdCell(str(get(z.node, 'description')))];
  });
  const chart = new Flowchart('LR');
  for (const z of zones) chart.node(z.id, `${str(get(z.node, 'name')) ?? z.id} (level ${String(scalar(get(z.node, 'security_level')) ?? '?')})`);
  for (const z of zones) for (const to of items(get(z.node, 'allowed_outbound'))) if (str(to) && zones.some((x) => x.id === str(to))) chart.edge(z.id, str(to)!, 'may open');
  return `# Trust zones\n\n${mdTable(['Zone', 'Name', 'Security level', 'Networks', 'Description'], rows)}\n## Allowed outbound flows\n\n${chart}`;
}
