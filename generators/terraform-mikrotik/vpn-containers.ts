/**
 * vpn.tf: a WireGuard interface per WireGuard network the router manages, with one peer per
 * address allocated in it (public keys come from a variable; they are secrets of the peers).
 * containers.tf: RouterOS containers for services whose runtime is docker/podman on this router.
 */
import { get, items, scalar, serviceRuntime, str } from '../../server/src/core';
import { attr, block, expr, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { routerServices } from './router-view';
import { derivedName, tfName } from './shared';

export function vpnBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [];
  for (const n of r.networks.filter((x) => x.vpnType === 'wireguard')) {
    const name = tfName(ctx, n.entity);
    if (!name) continue;
    // The listen port is the port of the service bound to this network on the router.
    const svc = routerServices(ctx, r.device).find((x) => serviceRuntime(x).networkBindingRef === n.id && typeof scalar(get(x.node, 'port')) === 'number');
    const port = scalar(get(svc?.node, 'port')) ?? Number(/:(\d+)$/.exec(str(get(n.entity.node, 'vpn_endpoint')) ?? '')?.[1] ?? NaN);
    out.push(
      block(
        'resource',
        ['routeros_interface_wireguard', name],
        [...attr('name', r.wireguardInterface(n)), ...attr('listen_port', typeof port === 'number' && Number.isFinite(port) ? port : undefined), ...attr('comment', `${n.id}: ${n.name}`)],
      ),
    );
    for (const a of items(get(n.entity.node, 'ip_allocations'))) {
      const peer = str(get(a, 'device_ref')) ?? str(get(a, 'host_os_ref'));
      const ip = str(get(a, 'ip'));
      if (!peer || !ip) {
        ctx.report(
          'generator-missing-value',
          'warning',
          `WireGuard network '${n.id}' has an allocation ${ip ? `of ${ip} ` : ''}without ${ip ? 'a device_ref or host_os_ref' : 'an ip'}, so its peer has no ${ip ? 'key to look up' : 'allowed address'}; the peer is left out of vpn.tf.`,
          a,
        );
        continue;
      }
      out.push(
        block(
          'resource',
          ['routeros_interface_wireguard_peer', derivedName(name, peer)],
          [
            ...attr('interface', expr(`routeros_interface_wireguard.${name}.name`)),
            ...attr('public_key', expr(`var.wireguard_peer_public_keys[${JSON.stringify(peer)}]`)),
            ...attr('allowed_address', [`${ip}/32`]),
            ...attr('comment', `${peer}${str(get(a, 'description')) ? `: ${str(get(a, 'description'))}` : ''}`),
          ],
        ),
      );
    }
  }
  return out;
}

export function containerBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const out: HclItem[] = [];
  for (const s of routerServices(ctx, r.device)) {
    const rt = serviceRuntime(s);
    if (rt.type !== 'docker' && rt.type !== 'podman') continue;
    const name = tfName(ctx, s);
    if (!name) continue;
    if (!rt.image) {
      ctx.report('generator-missing-value', 'warning', `Service '${s.id}' runs in a container on '${r.device.id}' but has no image; it is left out of containers.tf.`, s);
      continue;
    }
    out.push(
      block('resource', ['routeros_interface_veth', name], [...attr('name', `veth-${s.id}`), ...attr('comment', s.id)]),
      block(
        'resource',
        ['routeros_container', name],
        [...attr('remote_image', rt.image), ...attr('interface', expr(`routeros_interface_veth.${name}.name`)), ...attr('start_on_boot', true), ...attr('comment', s.id)],
      ),
    );
  }
  return out;
}
