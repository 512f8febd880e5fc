/**
 * The explicit storage chain a v4.0 Proxmox storage pool implies (format.md §6): partition on the
 * pool's disk attachment → volume group → logical volume → filesystem → mount point → storage
 * endpoint, from its `disk_ref`, `os_device`, `vgname`, `thinpool` and `path`. What the pool does
 * not say (sizes, filesystem types) is left for a person and reported.
 */
import { endpointIdFor } from '../model/canonical';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { get, str, toJS } from '../workspace/nodes';
import type { NewItem } from './collections';
import type { FillIn } from './plan';

export const CHAIN_KEYS = ['partitions', 'volume_groups', 'logical_volumes', 'filesystems', 'mount_points', 'storage_endpoints'] as const;
export type ChainKey = (typeof CHAIN_KEYS)[number];

const KIND_OF: Record<ChainKey, string> = { partitions: 'partition', volume_groups: 'volume_group', logical_volumes: 'logical_volume', filesystems: 'filesystem', mount_points: 'mount_point', storage_endpoints: 'storage_endpoint' };

/** Pool keys the chain (or the endpoint) says again; anything else is recorded in the endpoint's comment. */
const ENCODED = new Set(['id', 'name', 'type', 'path', 'content', 'shared', 'description']);

export interface DerivedChain {
  items: Record<ChainKey, NewItem[]>;
  fillIns: FillIn[];
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Partition number of a Linux block device path (`/dev/sda3` → 3, `/dev/nvme0n1p2` → 2); undefined for a whole disk. */
export function partitionNumber(osDevice: string | undefined): number | undefined {
  if (!osDevice) return undefined;
  const m = /(?:\dp|[a-z])(\d+)$/.exec(osDevice);
  if (!m || /^\/dev\/(nvme\d+n|mmcblk)\d+$/.test(osDevice)) return undefined;
  return Number(m[1]);
}

function flow(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) return `{${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')}}`;
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  return String(v);
}

export function deriveChain(model: TopologyModel, pools: Entity[], poolComments: (pool: Entity) => string[] = () => []): DerivedChain {
  const out: DerivedChain = { items: { partitions: [], volume_groups: [], logical_volumes: [], filesystems: [], mount_points: [], storage_endpoints: [] }, fillIns: [] };
  const add = (key: ChainKey, item: NewItem) => {
    if (model.index.first(KIND_OF[key], item.id) || out.items[key].some((x) => x.id === item.id)) return;
    out.items[key].push(item);
  };
  const note = (entity: string, message: string) => out.fillIns.push({ entity, message });
  // VGs by disk, so a `dir` pool on the same disk can find the root LV of the Proxmox layout.
  const vgByDisk = new Map<string, string>();
  for (const p of pools) {
    const vg = str(get(p.node, 'vgname'));
    const disk = str(get(p.node, 'disk_ref'));
    if (vg && disk) vgByDisk.set(disk, vg);
  }
  for (const p of pools) {
    const device = str(get(p.node, 'device_ref'));
    const disk = str(get(p.node, 'disk_ref'));
    const osDevice = str(get(p.node, 'os_device'));
    const type = str(get(p.node, 'type'));
    const name = str(get(p.node, 'name')) ?? p.id;
    const path = str(get(p.node, 'path'));
    const media = str(get(p.node, 'media')) ?? str(get(model.index.first('media', disk)?.node, 'type')) ?? 'disk';
    const attachments = model.index.ofKind('media_attachment').filter((a) => str(get(a.node, 'device_ref')) === device && str(get(a.node, 'media_ref')) === disk);
    const attachment = attachments.find((a) => str(get(a.node, 'state')) === 'present') ?? attachments[0];
    const number = partitionNumber(osDevice);
    const group = device;
    const se = endpointIdFor(p.id);
    const kept = (p.node.entries ?? []).filter((e) => !ENCODED.has(e.key)).map((e) => `${e.key}: ${flow(toJS(e.value))}`);
    const endpoint: Record<string, unknown> = { id: se, name, platform: 'proxmox', ...(type ? { type } : {}) };
    const ent = `storage_endpoint:${se}`;
    const where = device && disk ? `${osDevice ?? disk} on ${device}` : p.id;
    if (!device || !disk || !attachment) {
      note(ent, `${p.id} → ${se}: no media attachment of ${disk ?? '(no disk_ref)'} on ${device ?? '(no device_ref)'}; describe the partitions, filesystem and mount point under ${se} by hand.`);
    }
    const partition = (role: string, extra: Record<string, unknown>, comment: string): string | undefined => {
      if (!attachment || number === undefined || !device) return undefined;
      const id = `part-${slug(device)}-${slug(media)}-${role}`;
      add('partitions', { id, group, comment: [comment], value: { id, media_attachment_ref: attachment.id, number, ...extra } });
      note(`partition:${id}`, `partition ${id} (${osDevice}): write its size (size_gb, size_mb or \`size: remaining\`).`);
      const described = model.index.ofKind('partition').filter((x) => str(get(x.node, 'media_attachment_ref')) === attachment.id).length + out.items.partitions.filter((x) => x.value.media_attachment_ref === attachment.id).length;
      if (number > described) note(`media_attachment:${attachment.id}`, `${attachment.id} (${disk}): ${osDevice} is partition ${number}, but only ${described} of its partitions are described; add the others (EFI, swap, …) with their types and sizes.`);
      return id;
    };
    const vgName = str(get(p.node, 'vgname'));
    const thin = str(get(p.node, 'thinpool'));
    if (vgName && (type === 'lvmthin' || type === 'lvm')) {
      const part = partition('pv', { type: 'lvm-pv', description: `LVM physical volume for the ${vgName} VG (${osDevice})` }, `was ${p.id}.os_device: ${osDevice}`);
      if (!part && attachment) note(ent, `${p.id}: os_device ${osDevice ?? '(none)'} names no partition; write the physical volume partition of VG ${vgName} and its pv_refs.`);
      const vg = `vg-${slug(vgName)}`;
      add('volume_groups', { id: vg, group, comment: [`was ${p.id}.vgname: ${vgName}`], value: { id: vg, name: vgName, type: 'lvm', pv_refs: part ? [part] : [], description: `Volume group ${vgName} on ${device ?? 'its host'}` } });
      if (thin) {
        const lv = `lv-${slug(vgName)}-${slug(thin)}`;
        add('logical_volumes', { id: lv, group, comment: [`was ${p.id}.thinpool: ${thin}`], value: { id: lv, name: thin, type: 'thin-pool', vg_ref: vg, description: `Thin pool of storage ${name}` } });
        note(`logical_volume:${lv}`, `logical volume ${lv}: write its size_gb.`);
        endpoint.lv_ref = lv;
      } else {
        note(ent, `${p.id} is an LVM storage on the whole VG ${vgName}; a storage endpoint points at a logical volume: describe it and write lv_ref.`);
      }
    } else if (type === 'dir' && path) {
      let mount: string | undefined;
      if (number !== undefined) {
        const part = partition('data', { description: `${name} storage (${osDevice})` }, `was ${p.id}.os_device: ${osDevice}`);
        if (part && device) {
          const fs = `fs-${slug(device)}-${slug(media)}`;
          add('filesystems', { id: fs, group, value: { id: fs, partition_ref: part, description: `Filesystem of storage ${name}` } });
          note(`filesystem:${fs}`, `filesystem ${fs} and partition ${part}: write the filesystem type (ext4, xfs, …).`);
          mount = `mnt-${slug(device)}-${slug(path.split('/').filter(Boolean).at(-1) ?? 'root')}`;
          add('mount_points', { id: mount, group, value: { id: mount, path, filesystem_ref: fs, device_ref: device, description: `Mount point of storage ${name}` } });
          note(`mount_point:${mount}`, `mount point ${mount}: ${path} is taken as the mount point of ${osDevice}; check it.`);
        }
      } else if (device) {
        // A directory on a whole-disk device: it lives on the host's root filesystem.
        const vgName2 = disk ? vgByDisk.get(disk) : undefined;
        mount = `mnt-${slug(device)}-root`;
        if (vgName2) {
          const vg = `vg-${slug(vgName2)}`;
          const lv = `lv-${slug(vgName2)}-root`;
          const fs = `fs-${slug(vgName2)}-root`;
          add('logical_volumes', { id: lv, group, value: { id: lv, name: 'root', type: 'thick', vg_ref: vg, description: `Root filesystem of ${device}` } });
          add('filesystems', { id: fs, group, value: { id: fs, lv_ref: lv, description: `/ of ${device}` } });
          add('mount_points', { id: mount, group, value: { id: mount, path: '/', filesystem_ref: fs, device_ref: device, description: `Root of ${device}` } });
          note(`logical_volume:${lv}`, `${p.id} (${path}) was placed on ${lv}, the root LV of the Proxmox installer's layout in VG ${vgName2}; check it, and write the LV's size_gb and the filesystem type of ${fs}.`);
        } else {
          note(ent, `${p.id} (${path} on ${where}): the root filesystem of ${device} is not described; add its filesystem and mount point, then write mount_point_ref on ${se}.`);
          mount = undefined;
        }
      }
      if (mount) endpoint.mount_point_ref = mount;
      endpoint.path = path;
    } else {
      note(ent, `${p.id} (type ${type ?? '?'}) has no vgname/thinpool or path to build a chain from; describe what backs ${se} by hand.`);
      if (path) endpoint.path = path;
    }
    for (const k of ['content', 'shared', 'description']) {
      const v = get(p.node, k);
      if (v !== undefined) endpoint[k] = toJS(v);
    }
    add('storage_endpoints', { id: se, group, comment: [...poolComments(p), `formerly ${p.id}`, ...(kept.length ? [`pool facts: ${kept.join('; ')}`] : [])], value: endpoint });
  }
  return out;
}
