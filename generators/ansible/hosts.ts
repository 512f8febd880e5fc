/**
 * The inventory's hosts: LXC containers and VMs (by host name) and compute devices (by id), each
 * with the address Ansible connects to and the trust zone it sits in.
 */
import { addressesOf, get, inventoryHostName, isSafeFileStem, items, networkView, scalar, str, unsafeFileMessage, type Entity } from '../../server/src/core';
import { claimFirst } from '../claims';
import type { GeneratorContext } from '../types';

export interface InventoryHost {
  name: string;
  entity: Entity;
  platform: 'lxc_containers' | 'vms' | 'physical' | 'cloud_instances';
  address: string | undefined;
  zone: string | undefined;
  tags: string[];
  user: string | undefined;
}

const byId = (a: Entity, b: Entity) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function zoneLevel(ctx: GeneratorContext, zone: string | undefined): number {
  const z = ctx.index.first('trust_zone', zone);
  const v = scalar(get(z?.node, 'security_level'));
  return typeof v === 'number' ? v : -1;
}

/** A device's address: its allocation in the most trusted zone (management before servers), then by network id. */
function deviceAddress(ctx: GeneratorContext, device: Entity): { ip: string; zone: string | undefined } | undefined {
  let best: { ip: string; zone: string | undefined; level: number; network: string } | undefined;
  for (const h of addressesOf(ctx.model, device)) {
    const net = h.kind === 'allocation' ? ctx.index.first('network', h.networkId) : undefined;
    if (!net) continue;
    const zone = networkView(ctx.model, net).trustZone;
    const level = zoneLevel(ctx, zone);
    if (!best || level > best.level || (level === best.level && net.id < best.network)) best = { ip: h.address, zone, level, network: net.id };
  }
  return best;
}

function duplicateHostMessage(name: string, host: Entity, other: Entity): string {
  return `Host name '${name}' of ${host.kind} '${host.id}' is already used by ${other.kind} '${other.id}'; the second host is left out of the inventory. Give one a different name.`;
}

export function inventoryHosts(ctx: GeneratorContext): InventoryHost[] {
  const out: InventoryHost[] = [];
  const taken = new Map<string, Entity>();
  const add = (e: Entity, platform: InventoryHost['platform'], address: string | undefined, zone: string | undefined) => {
    const { name, node } = inventoryHostName(e);
    if (!isSafeFileStem(name)) {
      ctx.report('generator-unsafe-name', 'warning', unsafeFileMessage(e, name), node ?? e);
      return;
    }
    const other = claimFirst(taken, name, e);
    if (other) {
      ctx.report('generator-duplicate-host', 'warning', duplicateHostMessage(name, e, other), node ?? e);
      return;
    }
    const tags = items(get(e.node, 'tags')).flatMap((t) => (str(t) ? [str(t)!] : []));
    out.push({ name, entity: e, platform, address, zone, tags, user: str(get(get(e.node, 'cloudinit'), 'user')) });
  };
  for (const kind of ['lxc', 'vm'] as const) {
    for (const g of [...ctx.index.ofKind(kind)].sort(byId)) {
      if (scalar(get(get(g.node, 'ansible'), 'enabled')) === false) {
        ctx.report('generator-excluded', 'info', `${kind === 'lxc' ? 'LXC' : 'VM'} '${g.id}' has ansible.enabled: false; it is left out of the inventory.`, g);
        continue;
      }
      add(g, kind === 'lxc' ? 'lxc_containers' : 'vms', addressesOf(ctx.model, g)[0]?.address, str(get(g.node, 'trust_zone_ref')));
    }
  }
  for (const d of [...ctx.index.ofKind('device')].sort(byId)) {
    const cls = str(get(d.node, 'class'));
    if (cls !== 'compute' && cls !== 'storage') continue;
    const addr = deviceAddress(ctx, d);
    add(d, str(get(d.node, 'substrate')) === 'provider-instance' ? 'cloud_instances' : 'physical', addr?.ip, addr?.zone);
  }
  return out;
}
