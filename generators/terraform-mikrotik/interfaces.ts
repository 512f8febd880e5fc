/** interfaces.tf: identity, the bridge, bridge ports, VLAN interfaces and bridge VLAN membership. */
import { attr, block, expr, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { derivedName, tfName } from './shared';

export function interfaceBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [block('resource', ['routeros_system_identity', 'identity'], attr('name', ctx.mapOption('identities')[r.device.id] ?? r.device.id))];
  if (r.vlans.length === 0 && r.ports.length === 0 && r.untagged.length === 0) return out;
  out.push(
    block('resource', ['routeros_interface_bridge', 'bridge'], [...attr('name', r.bridgeName), ...attr('vlan_filtering', r.vlans.length > 0), ...attr('comment', `LAN bridge of ${r.device.id}`)]),
  );
  for (const p of r.ports) {
    out.push(
      block(
        'resource',
        ['routeros_interface_bridge_port', derivedName('port', p.name)],
        [...attr('bridge', expr('routeros_interface_bridge.bridge.name')), ...attr('interface', p.name), ...attr('pvid', p.pvid), ...attr('comment', p.iface.id)],
      ),
    );
  }
  for (const n of r.vlans) {
    const name = tfName(ctx, n.entity, 'vlan_');
    if (!name) continue;
    out.push(
      block(
        'resource',
        ['routeros_interface_vlan', name],
        [...attr('interface', expr('routeros_interface_bridge.bridge.name')), ...attr('name', r.vlanInterface(n)), ...attr('vlan_id', n.vlan), ...attr('comment', `${n.id}: ${n.name}`)],
      ),
    );
    const tagged = [r.bridgeName, ...r.ports.filter((p) => p.tagged.includes(n.vlan!)).map((p) => p.name)];
    const untagged = r.ports.filter((p) => p.pvid === n.vlan).map((p) => p.name);
    out.push(
      block(
        'resource',
        ['routeros_interface_bridge_vlan', name],
        [
          ...attr('bridge', expr('routeros_interface_bridge.bridge.name')),
          ...attr('vlan_ids', [String(n.vlan)]),
          ...attr('tagged', tagged),
          ...attr('untagged', untagged.length ? untagged : undefined),
          ...attr('comment', n.id),
        ],
      ),
    );
  }
  return out;
}
