/**
 * dns.tf: resolver settings and static records of the zones served from this router (a zone whose
 * `nameserver_ref` service runs here). A, CNAME and SRV records; an A record without `ip` gets the
 * address of what it names.
 */
import { addressesOf, get, items, scalar, serviceIp, str, type Entity, type Family, type SNode } from '../../server/src/core';
import { attr, block, type HclItem } from '../emit/hcl';
import type { GeneratorContext } from '../types';
import type { RouterView } from './router-view';
import { routerServices } from './router-view';
import { derivedName, NameSet } from './shared';

export function servedZones(ctx: GeneratorContext, r: RouterView): Entity[] {
  const here = new Set(routerServices(ctx, r.device).map((s) => s.id));
  return ctx.index
    .ofKind('dns_zone')
    .filter((z) => here.has(str(get(z.node, 'nameserver_ref')) ?? ''))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The written `ip`, else the address of the family the record type publishes (A: IPv4, AAAA: IPv6) of what it names. */
function recordAddress(ctx: GeneratorContext, rec: SNode, family: Family): string | undefined {
  const ip = str(get(rec, 'ip'));
  if (ip) return ip;
  const svc = ctx.index.first('service', str(get(rec, 'service_ref')));
  if (svc) return serviceIp(ctx.model, svc, family)?.holder.address;
  const lxc = ctx.index.first('lxc', str(get(rec, 'lxc_ref')));
  if (lxc) return addressesOf(ctx.model, lxc, family)[0]?.address;
  const device = ctx.index.first('device', str(get(rec, 'device_ref')));
  return device ? addressesOf(ctx.model, device, family).find((h) => h.kind === 'allocation')?.address : undefined;
}

export function dnsBlocks(ctx: GeneratorContext, r: RouterView): HclItem[] {
  const zones = servedZones(ctx, r);
  const upstream = (ctx.mapOption('upstream_dns')[r.device.id] ?? '').split(/[\s,]+/).filter(Boolean);
  const out: HclItem[] = [block('resource', ['routeros_ip_dns', 'dns'], [...attr('allow_remote_requests', zones.length > 0), ...attr('servers', upstream.length ? upstream : undefined)])];
  const names = new NameSet();
  for (const z of zones) {
    const domain = str(get(z.node, 'domain')) ?? z.id;
    for (const rec of items(get(z.node, 'records'))) {
      const type = (str(get(rec, 'type')) ?? 'A').toUpperCase();
      const host = str(get(rec, 'name')) ?? '';
      const fqdn = host === '@' || host === '' ? domain : `${host}.${domain}`;
      const ttl = scalar(get(rec, 'ttl'));
      const common = [...attr('name', fqdn), ...attr('type', type), ...attr('ttl', typeof ttl === 'number' ? `${ttl}s` : undefined), ...attr('comment', str(get(rec, 'description')))];
      const rname = names.take(derivedName(type.toLowerCase(), fqdn));
      if (type === 'A' || type === 'AAAA') {
        const address = recordAddress(ctx, rec, type === 'A' ? 4 : 6);
        if (!address) {
          ctx.report('generator-missing-value', 'warning', `DNS record '${fqdn}' (${type}) has no ip and names nothing with an IPv${type === 'A' ? 4 : 6} address; it is left out.`, rec);
          continue;
        }
        out.push(block('resource', ['routeros_ip_dns_record', rname], [...common, ...attr('address', address)]));
      } else if (type === 'CNAME') {
        out.push(block('resource', ['routeros_ip_dns_record', rname], [...common, ...attr('cname', str(get(rec, 'target')))]));
      } else if (type === 'SRV') {
        const n = (k: string) => (typeof scalar(get(rec, k)) === 'number' ? String(scalar(get(rec, k))) : undefined);
        out.push(
          block(
            'resource',
            ['routeros_ip_dns_record', rname],
            [...common, ...attr('srv_target', str(get(rec, 'target'))), ...attr('srv_port', n('port')), ...attr('srv_priority', n('priority')), ...attr('srv_weight', n('weight'))],
          ),
        );
      } else ctx.report('generator-unsupported', 'info', `DNS record '${fqdn}' has type ${type}, which the RouterOS generator does not write yet.`, rec);
    }
  }
  return out;
}
