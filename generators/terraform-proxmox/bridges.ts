/** bridges.tf: one Linux bridge per L2 bridge, ports mapped from interface ids to their physical names. */
import { get, items, scalar, str } from '../../server/src/core';
import { attr, block, hclFile, spaced, type HclItem } from '../emit/hcl';
import { hashHeader } from '../emit/header';
import type { GeneratedFile, GeneratorContext } from '../types';
import { byId, field, nodeName, resourceName } from './shared';

export function bridgesFile(ctx: GeneratorContext): GeneratedFile {
  const blocks: HclItem[] = [];
  for (const b of [...ctx.index.ofKind('bridge')].sort(byId)) {
    const name = resourceName(ctx, b);
    const device = field(b, 'device_ref') ?? field(b, 'host_os_ref');
    if (!name) continue;
    if (!device) {
      ctx.report('generator-missing-value', 'warning', `Bridge '${b.id}' has no device_ref, so its Proxmox node is unknown; it is left out of bridges.tf.`, b);
      continue;
    }
    const ports: string[] = [];
    for (const p of items(get(b.node, 'ports'))) {
      const id = str(p);
      const iface = ctx.index.first('interface', id);
      if (!iface) {
        ctx.report('generator-missing-value', 'warning', `Bridge '${b.id}' port '${id ?? '?'}' names no interface; the port is left out.`, p);
        continue;
      }
      ports.push(field(iface, 'physical_name') ?? field(iface, 'name') ?? iface.id);
    }
    const bool = (k: string) => {
      const v = scalar(get(b.node, k));
      return typeof v === 'boolean' ? v : undefined;
    };
    blocks.push(
      block(
        'resource',
        ['proxmox_virtual_environment_network_linux_bridge', name],
        [
          ...attr('node_name', nodeName(ctx, device)),
          ...attr('name', field(b, 'name') ?? b.id),
          ...attr('comment', field(b, 'comment')),
          ...attr('address', field(b, 'address')),
          ...attr('gateway', field(b, 'gateway')),
          ...attr('ports', ports),
          ...attr('vlan_aware', bool('vlan_aware')),
          ...attr('autostart', bool('autostart')),
        ],
      ),
    );
  }
  return { path: 'bridges.tf', content: hclFile(hashHeader(ctx.provenance), spaced(blocks)) };
}
