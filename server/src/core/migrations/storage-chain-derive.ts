/**
 * The explicit storage chain a v4.0 Proxmox storage pool implies (docs/format.md#storage-chain): partition on the
 * pool's disk attachment → volume group → logical volume → filesystem → mount point → storage
 * endpoint, from its `disk_ref`, `os_device`, `vgname`, `thinpool` and `path`. A disk whose pool
 * sits on the installer's VG `pve` gets the installer's whole layout (proxmox-layout.ts). A value
 * no pool records (a size, a filesystem type) is written as the likeliest one and reported to be
 * confirmed; what cannot be guessed at all is left for a person and reported.
 */
import { endpointIdFor } from '../model/canonical';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { get, scalar, str, toJS } from '../workspace/nodes';
import type { NewItem } from './collections';
import type { FillIn } from './plan';
import { DEFAULT_PV_PARTITION, EFI_SIZE_MB, PROXMOX_VG, ROOT_FS_TYPE, defaultRootGb, defaultSwapGb } from './proxmox-layout';

export const CHAIN_KEYS = ['partitions', 'volume_groups', 'logical_volumes', 'filesystems', 'mount_points', 'storage_endpoints'] as const;
export type ChainKey = (typeof CHAIN_KEYS)[number];

const KIND_OF: Record<ChainKey, string> = {
  partitions: 'partition',
  volume_groups: 'volume_group',
  logical_volumes: 'logical_volume',
  filesystems: 'filesystem',
  mount_points: 'mount_point',
  storage_endpoints: 'storage_endpoint',
};

/** Pool keys the chain (or the endpoint) says again; anything else is recorded in the endpoint's comment. */
const ENCODED = new Set(['id', 'name', 'type', 'path', 'content', 'shared', 'description']);

export interface DerivedChain {
  items: Record<ChainKey, NewItem[]>;
  fillIns: FillIn[];
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Partition number of a Linux block device path (`/dev/sda3` → 3, `/dev/nvme0n1p2` → 2); undefined for a whole disk. */
export function partitionNumber(osDevice: string | undefined): number | undefined {
  if (!osDevice) return undefined;
  const m = /(?:\dp|[a-z])(\d+)$/.exec(osDevice);
  if (!m || /^\/dev\/(nvme\d+n|mmcblk)\d+$/.test(osDevice)) return undefined;
  return Number(m[1]);
}

/** The device path of partition `n` of the disk `osDevice` is on or is (`/dev/sda3`, 1 → `/dev/sda1`). */
export function partitionDevice(osDevice: string | undefined, n: number): string | undefined {
  if (!osDevice) return undefined;
  const disk = partitionNumber(osDevice) === undefined ? osDevice : osDevice.replace(/p?\d+$/, '');
  return /\d$/.test(disk) ? `${disk}p${n}` : `${disk}${n}`;
}

function flow(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${flow(x)}`)
      .join(', ')}}`;
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  return String(v);
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** What one v4.0 pool records, read once. */
interface PoolFacts {
  pool: Entity;
  device?: string;
  disk?: string;
  osDevice?: string;
  type?: string;
  name: string;
  path?: string;
  media: string;
  attachment?: Entity;
  number?: number;
  vgName?: string;
  thin?: string;
}

function poolFacts(model: TopologyModel, p: Entity): PoolFacts {
  const device = str(get(p.node, 'device_ref'));
  const disk = str(get(p.node, 'disk_ref'));
  const osDevice = str(get(p.node, 'os_device'));
  const attachments = model.index.ofKind('media_attachment').filter((a) => str(get(a.node, 'device_ref')) === device && str(get(a.node, 'media_ref')) === disk);
  const attachment = attachments.find((a) => str(get(a.node, 'state')) === 'present') ?? attachments[0];
  const f: PoolFacts = { pool: p, name: str(get(p.node, 'name')) ?? p.id, media: str(get(p.node, 'media')) ?? str(get(model.index.first('media', disk)?.node, 'type')) ?? 'disk' };
  const set = <K extends keyof PoolFacts>(k: K, v: PoolFacts[K] | undefined) => v !== undefined && (f[k] = v);
  set('device', device);
  set('disk', disk);
  set('osDevice', osDevice);
  set('type', str(get(p.node, 'type')));
  set('path', str(get(p.node, 'path')));
  set('attachment', attachment);
  set('number', partitionNumber(osDevice));
  set('vgName', str(get(p.node, 'vgname')));
  set('thin', str(get(p.node, 'thinpool')));
  return f;
}

const onLvm = (f: PoolFacts) => f.vgName !== undefined && (f.type === 'lvmthin' || f.type === 'lvm');

class ChainBuilder {
  readonly out: DerivedChain = { items: { partitions: [], volume_groups: [], logical_volumes: [], filesystems: [], mount_points: [], storage_endpoints: [] }, fillIns: [] };
  /** Root mount point of each disk laid out by the installer, by attachment id. */
  readonly rootMounts = new Map<string, string>();

  constructor(readonly model: TopologyModel) {}

  add(key: ChainKey, item: NewItem): void {
    if (this.model.index.first(KIND_OF[key], item.id) || this.out.items[key].some((x) => x.id === item.id)) return;
    this.out.items[key].push(item);
  }

  /** A fill-in; `confirm`: the migration wrote a likely value that a person should check. */
  note(entity: string, message: string, confirm = false): void {
    this.out.fillIns.push({ entity, message, ...(confirm ? { confirm: true } : {}) });
  }

  partId(f: PoolFacts, n: number): string {
    return `part-${slug(f.device!)}-${slug(f.media)}-${n}`;
  }

  diskGb(f: PoolFacts): number | undefined {
    return num(scalar(get(this.model.index.first('media', f.disk)?.node, 'size_gb')));
  }

  memoryGb(f: PoolFacts): number | undefined {
    const mem = get(get(this.model.index.first('device', f.device)?.node, 'specs'), 'memory');
    const gb = num(scalar(get(mem, 'total_gb')));
    const mb = num(scalar(get(mem, 'total_mb')));
    return gb ?? (mb !== undefined ? mb / 1024 : undefined);
  }

  /** Partitions already described on an attachment, plus those this run writes. */
  described(attachment: string): number[] {
    const have = this.model.index
      .ofKind('partition')
      .filter((x) => str(get(x.node, 'media_attachment_ref')) === attachment)
      .map((x) => num(scalar(get(x.node, 'number'))) ?? 0);
    return [...have, ...this.out.items.partitions.filter((x) => x.value.media_attachment_ref === attachment).map((x) => x.value.number as number)];
  }

  /** The installer's layout of the disk under VG pve: EFI, swap, PV; root LV with its filesystem and `/`. */
  proxmoxDisk(f: PoolFacts, pools: PoolFacts[]): void {
    const att = f.attachment!.id;
    const onDisk = pools.filter((x) => x.attachment?.id === att);
    const pvNumber = (onLvm(f) ? f.number : undefined) ?? onDisk.find((x) => x.number !== undefined)?.number ?? DEFAULT_PV_PARTITION;
    const group = f.device!;
    const dev = (n: number) => partitionDevice(f.osDevice ?? onDisk.find((x) => x.osDevice)?.osDevice, n);
    const at = (n: number) => (dev(n) ? ` (${dev(n)})` : '');
    const base = (n: number) => ({ id: this.partId(f, n), media_attachment_ref: att, number: n });
    if (pvNumber === DEFAULT_PV_PARTITION) {
      const efi = this.partId(f, 1);
      this.add('partitions', {
        id: efi,
        group,
        comment: ['to confirm: size_mb (the Proxmox installer default)'],
        value: { ...base(1), type: 'efi', size_mb: EFI_SIZE_MB, description: `EFI system partition${at(1)}` },
      });
      this.note(`partition:${efi}`, `to confirm: partition ${efi}: size_mb ${EFI_SIZE_MB} is the Proxmox installer's EFI partition.`, true);
      const swap = this.partId(f, 2);
      const swapGb = defaultSwapGb(this.memoryGb(f), this.diskGb(f));
      this.add('partitions', {
        id: swap,
        group,
        comment: ['to confirm: size_gb (the Proxmox installer default)'],
        value: { ...base(2), type: 'swap', size_gb: swapGb, description: `Host swap${at(2)}` },
      });
      this.note(`partition:${swap}`, `to confirm: partition ${swap}: size_gb ${swapGb} is the Proxmox installer's swap (the host's memory, at most 8 GB and an eighth of the disk).`, true);
    } else if (pvNumber > 1) {
      this.note(`media_attachment:${att}`, `${att} (${f.disk}): the pve physical volume is partition ${pvNumber}; describe partitions 1-${pvNumber - 1} with their types and sizes.`);
    }
    const pv = this.partId(f, pvNumber);
    this.add('partitions', {
      id: pv,
      group,
      comment: [`the ${PROXMOX_VG} VG of a Proxmox default install`],
      value: { ...base(pvNumber), type: 'lvm-pv', size: 'remaining', description: `LVM physical volume for the ${PROXMOX_VG} VG${at(pvNumber)}` },
    });
    const vg = `vg-${PROXMOX_VG}`;
    this.add('volume_groups', {
      id: vg,
      group,
      comment: [`was ${f.pool.id}.vgname: ${PROXMOX_VG}`],
      value: { id: vg, name: PROXMOX_VG, type: 'lvm', pv_refs: [pv], description: 'Proxmox default volume group' },
    });
    const lv = `lv-${PROXMOX_VG}-root`;
    const rootGb = defaultRootGb(this.diskGb(f));
    this.add('logical_volumes', {
      id: lv,
      group,
      comment: ['to confirm: size_gb (the Proxmox installer default)'],
      value: { id: lv, name: 'root', type: 'thick', vg_ref: vg, size_gb: rootGb, description: `Proxmox root filesystem of ${f.device}` },
    });
    this.note(`logical_volume:${lv}`, `to confirm: logical volume ${lv}: size_gb ${rootGb} is the Proxmox installer's root (a quarter of the disk, at most 96 GB).`, true);
    const fs = `fs-${PROXMOX_VG}-root`;
    this.add('filesystems', { id: fs, group, comment: ['to confirm: type (the Proxmox installer default)'], value: { id: fs, type: ROOT_FS_TYPE, lv_ref: lv, description: `/ of ${f.device}` } });
    this.note(`filesystem:${fs}`, `to confirm: filesystem ${fs}: type ${ROOT_FS_TYPE} is the Proxmox installer's default for root on LVM.`, true);
    const mount = `mnt-${slug(f.device!)}-root`;
    this.add('mount_points', { id: mount, group, value: { id: mount, path: '/', filesystem_ref: fs, device_ref: f.device, description: `Root of ${f.device}` } });
    this.rootMounts.set(att, mount);
  }

  /** An LVM pool: its VG (the installer's, or one on the partition os_device names) and thin pool LV. */
  lvmPool(f: PoolFacts, endpoint: Record<string, unknown>, ent: string): void {
    const vg = `vg-${slug(f.vgName!)}`;
    const group = f.device;
    const installer = f.attachment !== undefined && this.rootMounts.has(f.attachment.id) && f.vgName === PROXMOX_VG;
    if (!installer) {
      if (!f.attachment || !f.device) {
        this.note(ent, `${f.pool.id}: the physical volume of VG ${f.vgName} is not known; describe its partition and write pv_refs on ${vg}.`);
      } else {
        const n = f.number ?? 1;
        const pv = this.partId(f, n);
        this.add('partitions', {
          id: pv,
          group,
          comment: [`was ${f.pool.id}.os_device: ${f.osDevice ?? '(none)'}`, ...(f.number === undefined ? ['to confirm: number and size (one partition taken to span the disk)'] : [])],
          value: { id: pv, media_attachment_ref: f.attachment.id, number: n, type: 'lvm-pv', size: 'remaining', description: `LVM physical volume for the ${f.vgName} VG` },
        });
        this.note(
          `partition:${pv}`,
          `to confirm: partition ${pv}: ${f.number === undefined ? `${f.osDevice ?? 'the disk'} names no partition, so one partition spanning the disk was taken as the physical volume` : `size: remaining (the rest of the disk)`}.`,
          true,
        );
        this.add('volume_groups', {
          id: vg,
          group,
          comment: [`was ${f.pool.id}.vgname: ${f.vgName}`],
          value: { id: vg, name: f.vgName, type: 'lvm', pv_refs: [pv], description: `Volume group ${f.vgName} on ${f.device}` },
        });
      }
    }
    if (!f.thin) {
      this.note(ent, `${f.pool.id} is an LVM storage on the whole VG ${f.vgName}; a storage endpoint points at a logical volume: describe it and write lv_ref.`);
      return;
    }
    const lv = `lv-${slug(f.vgName!)}-${slug(f.thin)}`;
    this.add('logical_volumes', {
      id: lv,
      group,
      comment: [`was ${f.pool.id}.thinpool: ${f.thin}`],
      value: { id: lv, name: f.thin, type: 'thin-pool', vg_ref: vg, size: 'remaining', description: `Thin pool of storage ${f.name}` },
    });
    if (!installer) this.note(`logical_volume:${lv}`, `to confirm: logical volume ${lv}: size: remaining (the rest of VG ${f.vgName}).`, true);
    endpoint.lv_ref = lv;
  }

  /** A directory pool: on the installer's root filesystem, or on the partition os_device names. */
  dirPool(f: PoolFacts, endpoint: Record<string, unknown>, ent: string): void {
    const root = f.attachment ? this.rootMounts.get(f.attachment.id) : undefined;
    let mount: string | undefined = root;
    if (!mount && f.number !== undefined && f.attachment && f.device) mount = this.partitionMount(f);
    if (!mount) {
      this.note(
        ent,
        `${f.pool.id} (${f.path} on ${f.osDevice ?? f.disk ?? f.device ?? '?'}): the filesystem that holds it is not described; add its filesystem and mount point, then write mount_point_ref on ${endpoint.id as string}.`,
      );
    } else endpoint.mount_point_ref = mount;
    endpoint.path = f.path;
  }

  /** Partition → filesystem → mount point for a directory pool on its own partition. */
  private partitionMount(f: PoolFacts): string {
    const group = f.device!;
    const att = f.attachment!.id;
    const part = this.partId(f, f.number!);
    const last = Math.max(f.number!, ...this.described(att)) === f.number;
    const size = last ? { size: 'remaining' } : {};
    this.add('partitions', {
      id: part,
      group,
      comment: [`was ${f.pool.id}.os_device: ${f.osDevice}`, `to confirm: type${last ? ' and size' : ''}`],
      value: { id: part, media_attachment_ref: att, number: f.number, type: ROOT_FS_TYPE, ...size, description: `${f.name} storage (${f.osDevice})` },
    });
    const fs = `fs-${slug(f.device!)}-${slug(f.media)}`;
    this.add('filesystems', { id: fs, group, comment: ['to confirm: type'], value: { id: fs, type: ROOT_FS_TYPE, partition_ref: part, description: `Filesystem of storage ${f.name}` } });
    this.note(`filesystem:${fs}`, `to confirm: filesystem ${fs} and partition ${part}: type ${ROOT_FS_TYPE}${last ? ', and size: remaining (the rest of the disk)' : ''}.`, true);
    if (!last) this.note(`partition:${part}`, `partition ${part} (${f.osDevice}): write its size (size_gb, size_mb or \`size: remaining\`).`);
    const described = this.described(att).length;
    if (f.number! > described)
      this.note(
        `media_attachment:${att}`,
        `${att} (${f.disk}): ${f.osDevice} is partition ${f.number}, but only ${described} of its partitions are described; add the others (EFI, swap, …) with their types and sizes.`,
      );
    const mount = `mnt-${slug(f.device!)}-${slug(f.path!.split('/').filter(Boolean).at(-1) ?? 'root')}`;
    this.add('mount_points', { id: mount, group, value: { id: mount, path: f.path, filesystem_ref: fs, device_ref: f.device, description: `Mount point of storage ${f.name}` } });
    this.note(`mount_point:${mount}`, `to confirm: mount point ${mount}: ${f.path} is taken as the mount point of ${f.osDevice}.`, true);
    return mount;
  }
}

export function deriveChain(model: TopologyModel, pools: Entity[], poolComments: (pool: Entity) => string[] = () => []): DerivedChain {
  const c = new ChainBuilder(model);
  const facts = pools.map((p) => poolFacts(model, p));
  // The installer's layout first, so every pool on that disk finds its VG, root LV and `/`.
  for (const f of facts) if (onLvm(f) && f.vgName === PROXMOX_VG && f.attachment && f.device && !c.rootMounts.has(f.attachment.id)) c.proxmoxDisk(f, facts);
  for (const f of facts) {
    const se = endpointIdFor(f.pool.id);
    const ent = `storage_endpoint:${se}`;
    const endpoint: Record<string, unknown> = { id: se, name: f.name, platform: 'proxmox', ...(f.type ? { type: f.type } : {}) };
    if (!f.device || !f.disk || !f.attachment) {
      c.note(
        ent,
        `${f.pool.id} → ${se}: no media attachment of ${f.disk ?? '(no disk_ref)'} on ${f.device ?? '(no device_ref)'}; describe the partitions, filesystem and mount point under ${se} by hand.`,
      );
    }
    if (onLvm(f)) c.lvmPool(f, endpoint, ent);
    else if (f.type === 'dir' && f.path) c.dirPool(f, endpoint, ent);
    else {
      c.note(ent, `${f.pool.id} (type ${f.type ?? '?'}) has no vgname/thinpool or path to build a chain from; describe what backs ${se} by hand.`);
      if (f.path) endpoint.path = f.path;
    }
    for (const k of ['content', 'shared', 'description']) {
      const v = get(f.pool.node, k);
      if (v !== undefined) endpoint[k] = toJS(v);
    }
    const kept = (f.pool.node.entries ?? []).filter((e) => !ENCODED.has(e.key)).map((e) => `${e.key}: ${flow(toJS(e.value))}`);
    c.add('storage_endpoints', { id: se, group: f.device, comment: [...poolComments(f.pool), `formerly ${f.pool.id}`, ...(kept.length ? [`pool facts: ${kept.join('; ')}`] : [])], value: endpoint });
  }
  return c.out;
}
