/**
 * qos.tf: packet marks (mangle) per QoS queue, a queue tree under `global` sized from the primary
 * uplink's interface speed, and one simple queue per device limit.
 */
import { get, items, networkView, scalar, str, type Entity } from '../../server/src/core';
import { attr, block, expr, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { derivedName, tfName } from './shared';

const PORTED = new Set(['tcp', 'udp']);

/** Bandwidth in Mbit/s that percentages refer to: the `qos_uplink_mbps` option, else the primary uplink's speed. */
function uplinkMbps(ctx: GeneratorContext, r: RouterView): number | undefined {
  const opt = Number(ctx.mapOption('qos_uplink_mbps')[r.device.id]);
  if (Number.isFinite(opt) && opt > 0) return opt;
  const primary = r.uplinks.find((u) => !get(u.entity.node, 'failover')) ?? r.uplinks[0];
  const iface = ctx.index.first('interface', primary?.interfaceRef);
  const speed = scalar(get(iface?.node, 'speed_mbps'));
  return typeof speed === 'number' ? speed : undefined;
}

export function qosBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const qos = get(get(ctx.model.assembly.root, 'L2_network'), 'qos');
  if (!qos || scalar(get(qos, 'enabled')) === false || str(get(qos, 'device_ref')) !== r.device.id) return [];
  const out: HclItem[] = [];
  const total = uplinkMbps(ctx, r);
  if (total === undefined)
    ctx.report(
      'generator-missing-value',
      'warning',
      `QoS on '${r.device.id}' uses percentages, but no uplink speed is known (interface speed_mbps or the qos_uplink_mbps option); queue limits are left out.`,
    );
  const mbit = (pct: unknown) => (typeof pct === 'number' && total !== undefined ? `${Math.round((total * pct) / 100)}M` : undefined);
  // Marking stops at the first match (passthrough=false), so a catch-all queue (no protocols or
  // ports) is marked last; the others in priority order.
  const catchAll = (q: Entity) => items(get(q.node, 'protocols')).length === 0 && items(get(q.node, 'ports')).length === 0;
  const queues = ctx.index.ofKind('qos_queue').sort((a, b) => {
    const pa = scalar(get(a.node, 'priority'));
    const pb = scalar(get(b.node, 'priority'));
    return Number(catchAll(a)) - Number(catchAll(b)) || (typeof pa === 'number' ? pa : 99) - (typeof pb === 'number' ? pb : 99) || (a.id < b.id ? -1 : 1);
  });
  let previous: string | undefined;
  for (const q of queues) {
    const name = tfName(ctx, q);
    if (!name) continue;
    const protocols = items(get(q.node, 'protocols')).flatMap((x) => (str(x) ? [str(x)!] : []));
    const ports = items(get(q.node, 'ports'))
      .map((x) => String(scalar(x)))
      .join(',');
    for (const proto of protocols.length ? protocols : [undefined]) {
      const rule = proto ? `${name}_${derivedName(proto)}` : name;
      const body: HclItem[] = [
        ...attr('chain', 'forward'),
        ...attr('action', 'mark-packet'),
        ...attr('new_packet_mark', q.id),
        ...attr('passthrough', false),
        ...attr('protocol', proto),
        ...attr('dst_port', proto && PORTED.has(proto) && ports ? ports : undefined),
        ...attr('comment', `${q.id}: ${str(get(q.node, 'name')) ?? ''}`.trim()),
      ];
      if (previous) body.push(...attr('depends_on', [expr(`routeros_ip_firewall_mangle.${previous}`)]));
      out.push(block('resource', ['routeros_ip_firewall_mangle', rule], body));
      previous = rule;
    }
    out.push(
      block(
        'resource',
        ['routeros_queue_tree', name],
        [
          ...attr('name', q.id),
          ...attr('parent', 'global'),
          ...attr('packet_mark', [q.id]),
          ...attr('priority', typeof scalar(get(q.node, 'priority')) === 'number' ? (scalar(get(q.node, 'priority')) as number) : undefined),
          ...attr('limit_at', mbit(scalar(get(q.node, 'guarantee_percent')))),
          ...attr('max_limit', mbit(scalar(get(q.node, 'max_limit_percent')))),
          ...attr('burst_limit', mbit(scalar(get(q.node, 'burst_limit_percent')))),
          ...attr('burst_time', str(get(q.node, 'burst_time'))),
          ...attr('comment', str(get(q.node, 'description'))),
        ],
      ),
    );
  }
  for (const lim of items(get(qos, 'device_limits'))) {
    const net = ctx.index.first('network', str(get(lim, 'network_ref')));
    if (!net) continue;
    const v = networkView(ctx.model, net);
    const name = tfName(ctx, net, 'limit_');
    const down = scalar(get(lim, 'download_limit_mbps'));
    const up = scalar(get(lim, 'upload_limit_mbps'));
    // A network addressed by DHCP (an uplink: `cidr: dhcp`) has no prefix to target: limit its interface.
    const uplink = ctx.index.first('interface', v.interfaceRef);
    const target = v.parsed ? v.cidr : uplink ? (str(get(uplink.node, 'physical_name')) ?? str(get(uplink.node, 'name')) ?? uplink.id) : undefined;
    if (!name || !target || typeof down !== 'number' || typeof up !== 'number') continue;
    out.push(
      block(
        'resource',
        ['routeros_queue_simple', name],
        [
          ...attr('name', `limit-${net.id}`),
          ...attr('target', [target]),
          // RouterOS max-limit is upload/download as seen from the target.
          ...attr('max_limit', `${up}M/${down}M`),
          ...attr('comment', `${str(get(lim, 'description')) ?? net.id}${scalar(get(lim, 'per_host_limit')) === true ? ' (per host: apply a PCQ queue type)' : ''}`),
        ],
      ),
    );
  }
  return out;
}
