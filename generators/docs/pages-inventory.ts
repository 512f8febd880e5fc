/** Inventory pages: overview, devices, storage chain per device. */
import { deviceStorage, get, items, scalar, str, type Entity } from '../../server/src/core';
import { mdCode, mdTable, mdText } from '../emit/markdown';
import { Flowchart } from '../emit/mermaid';
import type { GeneratorContext } from '../types';

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function overview(ctx: GeneratorContext, pages: [string, string][]): string {
  const meta = get(get(ctx.model.assembly.root, 'L0_meta'), 'metadata');
  const version = str(get(get(ctx.model.assembly.root, 'L0_meta'), 'version'));
  const counts = new Map<string, number>();
  for (const e of ctx.index.entities) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const chart = new Flowchart('TD');
  for (const loc of sortById(ctx.index.ofKind('location'))) {
    chart.subgraph(loc.id, str(get(loc.node, 'name')) ?? loc.id, () => {
      for (const d of sortById(ctx.index.ofKind('device')).filter((x) => str(get(x.node, 'location')) === loc.id))
        chart.node(d.id, `${str(get(d.node, 'name')) ?? d.id} (${str(get(d.node, 'type')) ?? '?'})`);
    });
  }
  for (const l of sortById(ctx.index.ofKind('data_link'))) {
    const a = str(get(get(l.node, 'endpoint_a'), 'device_ref'));
    const b = str(get(get(l.node, 'endpoint_b'), 'device_ref'));
    if (a && b && ctx.index.first('device', a) && ctx.index.first('device', b)) chart.edge(a, b, str(get(l.node, 'medium')));
  }
  return [
    `# ${mdText(str(get(meta, 'name')) ?? 'Topology')}`,
    '',
    mdText(str(get(meta, 'description')) ?? ''),
    '',
    `Format version ${mdCode(version)}.`,
    '',
    '## Pages',
    '',
    ...pages.map(([file, title]) => `- [${mdText(title)}](${file})`),
    '',
    '## Locations and devices',
    '',
    chart.toString(),
    '## Entities',
    '',
    mdTable(
      ['Kind', 'Count'],
      [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => [mdCode(k), String(n)]),
    ),
  ].join('\n');
}

export function devices(ctx: GeneratorContext): string {
  const list = sortById(ctx.index.ofKind('device'));
  let out = `# Devices\n\n${mdTable(
    ['Device', 'Name', 'Type', 'Class', 'Location', 'Model'],
    list.map((d) => [mdCode(d.id), ...['name', 'type', 'class', 'location', 'model'].map((k) => mdText(str(get(d.node, k))))]),
  )}`;
  for (const d of list) {
    const ifaces = ctx.index.ofKind('interface').filter((i) => i.owner === d);
    if (!ifaces.length) continue;
    out += `\n## ${mdText(str(get(d.node, 'name')) ?? d.id)}\n\n`;
    out += mdTable(
      ['Interface', 'Name', 'Type', 'Speed (Mbit/s)', 'Role', 'Description'],
      ifaces.map((i) => {
        const speed = scalar(get(i.node, 'speed_mbps'));
        return [
          mdCode(i.id),
          mdText(str(get(i.node, 'name'))),
          mdText(str(get(i.node, 'type'))),
          mdText(typeof speed === 'number' ? speed : undefined),
          mdText(str(get(i.node, 'role'))),
          mdText(str(get(i.node, 'description'))),
        ];
      }),
    );
  }
  return out;
}

/** How the storage page names one entity of a device's storage. */
function storageLabel(ctx: GeneratorContext, e: Entity): string {
  const s = (k: string) => str(get(e.node, k));
  switch (e.kind) {
    case 'media_attachment': {
      const media = ctx.index.first('media', s('media_ref'));
      return `${s('slot_ref') ?? e.id}: ${media ? (str(get(media.node, 'model')) ?? str(get(media.node, 'name')) ?? media.id) : (s('media_ref') ?? '?')}`;
    }
    case 'partition':
      return `partition ${s('number') ?? ''} ${s('type') ?? ''}`.trim();
    case 'volume_group':
      return `VG ${s('name') ?? e.id}`;
    case 'logical_volume':
      return `LV ${s('name') ?? e.id} (${s('type') ?? 'lv'})`;
    case 'filesystem':
      return `${s('type') ?? 'fs'} filesystem`;
    case 'mount_point':
      return `mount ${s('path') ?? e.id}`;
    case 'storage_endpoint':
    case 'storage_pool':
      return `${e.kind === 'storage_pool' ? 'pool' : 'storage'} ${s('name') ?? e.id} (${s('type') ?? '?'})`;
    case 'lxc':
    case 'vm':
      return `${e.id} rootfs`;
    case 'volume':
      return `${e.owner?.id ?? '?'} ${s('mount_path') ?? s('mount_point') ?? e.id}`;
    default:
      return `data ${s('name') ?? e.id}`;
  }
}

export function storage(ctx: GeneratorContext): string {
  let out = '# Storage\n\nThe storage chain of each device, from the disk in its slot to the storage Proxmox or Docker uses and the data on it.\n';
  for (const d of sortById(ctx.index.ofKind('device'))) {
    const g = deviceStorage(ctx.model, d);
    if (g.nodes.length === 0) continue;
    const chart = new Flowchart('LR');
    for (const n of g.nodes) chart.node(n.id, storageLabel(ctx, n), n.kind === 'data_asset' ? 'db' : n.kind === 'lxc' || n.kind === 'vm' || n.kind === 'volume' ? 'stadium' : 'box');
    for (const [a, b] of g.edges) chart.edge(a.id, b.id);
    out += `\n## ${mdText(str(get(d.node, 'name')) ?? d.id)} (${mdCode(d.id)})\n\n${chart}`;
    const media = items(get(get(d.node, 'specs'), 'storage_slots')).length;
    if (media) out += `\n${media} storage slot${media === 1 ? '' : 's'}.\n`;
  }
  return out;
}
