/** Service pages: services (runtime, resolved IP, ports), data assets, dependencies and deploy order. */
import { dataAssetCategory, dataAssetPlacement, get, items, scalar, serviceIp, serviceRuntime, servicesUsing, str, type Entity } from '../../server/src/core';
import { mdCode, mdTable, mdText } from '../emit/markdown';
import { Flowchart } from '../emit/mermaid';
import type { GeneratorContext } from '../types';

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function ports(s: Entity): string {
  const list = [scalar(get(s.node, 'port')), ...items(get(s.node, 'ports')).map((p) => scalar(get(p, 'port')) ?? scalar(p))].filter((p) => p !== undefined && p !== null);
  const proto = str(get(s.node, 'protocol'));
  return list.length ? `${list.join(', ')}${proto ? `/${proto}` : ''}` : '';
}

export function services(ctx: GeneratorContext): string {
  const rows = sortById(ctx.index.ofKind('service')).map((s) => {
    const rt = serviceRuntime(s);
    const addr = serviceIp(ctx.model, s);
    return [
      mdCode(s.id),
      mdText(str(get(s.node, 'name'))),
      mdText(rt.type),
      mdText(rt.targetId),
      mdText(addr ? `${addr.holder.address}${addr.networkId ? ` (${addr.networkId})` : ''}` : undefined),
      mdText(ports(s)),
      mdText(str(get(s.node, 'trust_zone_ref'))),
      mdText(rt.image),
    ];
  });
  return `# Services\n\nThe resolved IP is the runtime's address in the bound network (the container or VM NIC, the device's allocation, or the router's gateway for services on the router).\n\n${mdTable(['Service', 'Name', 'Runtime', 'Runs on', 'Resolved IP', 'Ports', 'Trust zone', 'Image'], rows)}`;
}

export function dataAssets(ctx: GeneratorContext): string {
  const rows = sortById(ctx.index.ofKind('data_asset')).map((a) => {
    const p = dataAssetPlacement(a, ctx.index);
    const users = servicesUsing(a, ctx.index)
      .map((s) => s.id)
      .sort();
    return [
      mdCode(a.id),
      mdText(str(get(a.node, 'name'))),
      mdText(dataAssetCategory(a)),
      mdText(str(get(a.node, 'criticality'))),
      mdText(p.places.join('; ')),
      mdText(p.backupPolicies.join(', ') || 'none'),
      mdText(users.join(', ')),
    ];
  });
  return `# Data assets\n\n${mdTable(['Asset', 'Name', 'Category', 'Criticality', 'Lives on', 'Backups', 'Used by'], rows)}`;
}

/** Kahn's algorithm in waves, ids sorted within a wave; what remains is in a cycle. */
export function deployOrder(ctx: GeneratorContext): { order: string[][]; cyclic: string[] } {
  const svcs = sortById(ctx.index.ofKind('service'));
  const known = new Set(svcs.map((s) => s.id));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const s of svcs) {
    const deps = new Set(
      items(get(s.node, 'dependencies'))
        .map((d) => str(get(d, 'service_ref')))
        .filter((d): d is string => !!d && known.has(d) && d !== s.id),
    );
    waiting.set(s.id, deps.size);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  }
  const order: string[][] = [];
  let wave = svcs.filter((s) => waiting.get(s.id) === 0).map((s) => s.id);
  const done = new Set<string>();
  while (wave.length) {
    order.push(wave);
    const next: string[] = [];
    for (const id of wave) {
      done.add(id);
      for (const d of dependents.get(id) ?? []) {
        const left = waiting.get(d)! - 1;
        waiting.set(d, left);
        if (left === 0) next.push(d);
      }
    }
    wave = next.sort();
  }
  return { order, cyclic: svcs.filter((s) => !done.has(s.id)).map((s) => s.id) };
}

export function dependencies(ctx: GeneratorContext): string {
  const svcs = sortById(ctx.index.ofKind('service'));
  const chart = new Flowchart('LR');
  for (const s of svcs) chart.node(s.id, str(get(s.node, 'name')) ?? s.id, 'round');
  const known = new Set(svcs.map((s) => s.id));
  for (const s of svcs)
    for (const d of items(get(s.node, 'dependencies'))) {
      const to = str(get(d, 'service_ref'));
      if (to && known.has(to)) chart.edge(s.id, to, 'needs');
    }
  const { order, cyclic } = deployOrder(ctx);
  const steps = order.map((wave, i) => `${i + 1}. ${wave.map((id) => mdCode(id)).join(', ')}`).join('\n');
  const warn = cyclic.length ? `\n\n**Dependency cycle:** ${cyclic.map((id) => mdCode(id)).join(', ')} cannot be ordered.\n` : '\n';
  return `# Service dependencies\n\nAn arrow points from a service to what it needs.\n\n${chart}\n## Deploy order\n\nServices in one step do not depend on each other and can be deployed together.\n\n${steps}${warn}`;
}
