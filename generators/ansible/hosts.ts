/**
 * The inventory's hosts: LXC containers and VMs (by host name) and compute devices (by id), each
 * with the address Ansible connects to and the trust zone it sits in.
 */
import { nics } from '../../server/src/core/model/canonical';
import type { Entity } from '../../server/src/core/model/extract';
import { networkView } from '../../server/src/core/model/readings';
import { inventoryHostName, isSafeFileStem, unsafeFileMessage } from '../../server/src/core/output/safe-names';
import { get, items, scalar, str } from '../../server/src/core/workspace/nodes';
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

/** Each device's address: its allocation in the most trusted zone (management before servers), then by network id. */
function deviceAddresses(ctx: GeneratorContext): Map<string, { ip: string; zone: string | undefined }> {
  const best = new Map<string, { ip: string; zone: string | undefined; level: number }>();
  for (const net of [...ctx.index.ofKind('network')].sort(byId)) {
    const zone = networkView(net, ctx.index).trustZone;
    const level = zoneLevel(ctx, zone);
    for (const a of items(get(net.node, 'ip_allocations'))) {
      const device = str(get(a, 'device_ref'));
      const ip = str(get(a, 'ip'));
      if (!device || !ip) continue;
      const cur = best.get(device);
      if (!cur || level > cur.level) best.set(device, { ip, zone, level });
    }
  }
  return best;
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
    const other = taken.get(name);
    if (other) {
      ctx.report('generator-duplicate-host', 'warning', `Host name '${name}' of ${e.kind} '${e.id}' is already used by ${other.kind} '${other.id}'; the second host is left out of the inventory. Give one a different name.`, node ?? e);
      return;
    }
    taken.set(name, e);
    const tags = items(get(e.node, 'tags')).flatMap((t) => (str(t) ? [str(t)!] : []));
    out.push({ name, entity: e, platform, address, zone, tags, user: str(get(get(e.node, 'cloudinit'), 'user')) });
  };
  for (const kind of ['lxc', 'vm'] as const) {
    for (const g of [...ctx.index.ofKind(kind)].sort(byId)) {
      if (scalar(get(get(g.node, 'ansible'), 'enabled')) === false) {
        ctx.report('generator-excluded', 'info', `${kind === 'lxc' ? 'LXC' : 'VM'} '${g.id}' has ansible.enabled: false; it is left out of the inventory.`, g);
        continue;
      }
      add(g, kind === 'lxc' ? 'lxc_containers' : 'vms', nics(g).find((n) => n.ip)?.ip, str(get(g.node, 'trust_zone_ref')));
    }
  }
  const addresses = deviceAddresses(ctx);
  for (const d of [...ctx.index.ofKind('device')].sort(byId)) {
    const cls = str(get(d.node, 'class'));
    if (cls !== 'compute' && cls !== 'storage') continue;
    const addr = addresses.get(d.id);
    add(d, str(get(d.node, 'substrate')) === 'provider-instance' ? 'cloud_instances' : 'physical', addr?.ip, addr?.zone);
  }
  return out;
}
