/**
 * Structural faults of the storage chain's links: a required link that is absent, two links where
 * exactly one is meant, a link to something that cannot carry the entity. A link whose value names
 * no entity (or one of another kind) is not a break here: `ref-unknown` / `ref-wrong-kind` report it.
 */
import type { RelatedInfo, Span } from '../types';
import { deref, entryOf, get, str, type SNode } from '../workspace/nodes';
import type { Entity } from './extract';
import type { TopologyModel } from './model';
import { attachmentsOf, devicesBelow, downLinks, fieldLinks, NETWORK_STORAGE_TYPES, type Link } from './storage-links';

export type BreakReason =
  /** A link is absent: an error where the format requires it, else info (the chain ends there). */
  | 'missing'
  /** Two links where exactly one is meant (filesystem on an LV and a partition). */
  | 'ambiguous'
  /** An lvm VG lists a partition whose type is not lvm-pv. */
  | 'not-lvm-pv'
  /** A v4.0 pool's disk is not attached to the pool's device. */
  | 'not-attached'
  /** A link of the wrong sort for the entity's type (a dir endpoint on a bare LV). */
  | 'type-mismatch'
  /** A mount point on another device than the disk its filesystem lies on. */
  | 'device-mismatch'
  /** `infer_from` beside an explicit link: which one holds is unclear (a warning). */
  | 'mixed-infer';

export interface ChainBreak {
  entity: Entity;
  reason: BreakReason;
  /** The field concerned (for a missing link: the one to add). */
  field: string;
  /** The offending value, or the entity's id when a link is missing. */
  span: Span;
  /** What is wrong, why, how to fix it; names the other party (file:line) where there is one. */
  message: string;
  related: RelatedInfo[];
  /** Values the break takes for right (see `Finding.after`): a ref there that names nothing is the real fault. */
  after?: Span[];
  /** The kind of the entity the break finds named by nothing (a data asset no volume names, a disk no attachment places). */
  unnamed?: string;
  /** Set when the break is less than an error. */
  severity?: 'warning' | 'info';
}

const LABEL: Record<string, string> = {
  data_asset: 'Data asset',
  volume: 'Volume',
  storage_endpoint: 'Storage endpoint',
  storage_pool: 'Storage pool',
  mount_point: 'Mount point',
  filesystem: 'Filesystem',
  logical_volume: 'Logical volume',
  volume_group: 'Volume group',
  partition: 'Partition',
};

/** The structural faults of one entity's own links (none for kinds outside the chain). */
export function linkBreaks(model: TopologyModel, e: Entity): ChainBreak[] {
  const out: ChainBreak[] = [];
  const label = `${LABEL[e.kind] ?? e.kind} '${e.id}'`;
  const at = (o: Entity | Link) => model.where('idSpan' in o ? o.idSpan : o.span);
  const missing = (fields: string[], why: string) =>
    out.push({ entity: e, reason: 'missing', field: fields[0]!, span: e.idSpan, message: `${label} has no ${fields.map((f) => `\`${f}\``).join(' or ')}: ${why}`, related: [] });
  // A link the format's schema does not require: the chain is incomplete, not wrong.
  const ends = (fields: string[], why: string) =>
    out.push({
      entity: e,
      reason: 'missing',
      field: fields[0]!,
      span: e.idSpan,
      message: `${label} has no ${fields.map((f) => `\`${f}\``).join(' or ')}, so its storage chain ends there: ${why}`,
      related: [],
      severity: 'info',
    });
  const has = (...fields: string[]) => fieldLinks(model, e, ...fields);
  switch (e.kind) {
    case 'partition':
      if (!has('media_attachment_ref').length)
        missing(['media_attachment_ref'], 'nothing says which disk holds it, so the chain under it stops. Name the media attachment (L1 `media_attachments`) of its disk.');
      break;
    case 'volume_group': {
      const pvs = has('pv_refs');
      if (!pvs.length) missing(['pv_refs'], 'a volume group spans at least one physical volume, so its logical volumes rest on no disk. List the partitions it spans.');
      if (str(get(e.node, 'type')) === 'lvm') {
        for (const pv of pvs) {
          if (pv.status !== 'ok' || !pv.target) continue;
          const type = str(get(pv.target.node, 'type'));
          if (type === 'lvm-pv') continue;
          out.push({
            entity: e,
            reason: 'not-lvm-pv',
            field: 'pv_refs',
            span: pv.span,
            message: `${label} is an lvm volume group, but its physical volume '${pv.value}' (${at(pv.target)}) has type ${type === undefined ? 'unset' : `'${type}'`}; LVM only uses partitions of type lvm-pv. Set that partition's \`type: lvm-pv\` or remove it from \`pv_refs\`.`,
            related: [{ span: pv.target.idSpan, message: `partition '${pv.target.id}'` }],
          });
        }
      }
      break;
    }
    case 'logical_volume':
      if (!has('vg_ref').length) missing(['vg_ref'], 'a logical volume lives in a volume group, so nothing places it on a disk. Name its volume group.');
      break;
    case 'filesystem': {
      const lv = has('lv_ref')[0];
      const part = has('partition_ref')[0];
      if (!lv && !part) ends(['lv_ref', 'partition_ref'], 'a filesystem lives on exactly one block device. Add the one it is on.');
      else if (lv && part)
        out.push({
          entity: e,
          reason: 'ambiguous',
          field: 'partition_ref',
          span: part.span,
          message: `${label} names both \`lv_ref\` '${lv.value}' (${lv.target ? at(lv.target) : at(lv)}) and \`partition_ref\` '${part.value}'${part.target ? ` (${at(part.target)})` : ''}; a filesystem lives on exactly one block device. Keep the one it is really on.`,
          related: [{ span: lv.span, message: `lv_ref '${lv.value}'` }],
        });
      break;
    }
    case 'mount_point':
      if (!has('filesystem_ref').length) ends(['filesystem_ref'], 'nothing says what is mounted. Name the filesystem mounted here.');
      else out.push(...deviceMismatch(model, e, label));
      break;
    case 'storage_endpoint':
      out.push(...endpointBreaks(model, e, label));
      break;
    case 'volume':
      if (!has('storage_endpoint_ref').length) ends(['storage_endpoint_ref'], 'nothing says where its data lives. Name the endpoint (e.g. the local-lvm one).');
      if (!has('data_asset_ref').length) ends(['data_asset_ref'], 'backups and docs cannot tell what it protects. Name the data asset it holds (L3 `data_assets`).');
      break;
    case 'data_asset':
      if (!downLinks(model, e).length) {
        ends(
          ['storage_endpoint_ref', 'mount_point_ref'],
          'no LXC/VM volume names it in `data_asset_ref` either, so it is placed nowhere. Add `storage_endpoint_ref` or `mount_point_ref`, or name it from the volume that holds it.',
        );
        // A volume's `data_asset_ref` meant for it may name nothing.
        Object.assign(out[out.length - 1]!, { after: [e.idSpan], unnamed: 'data_asset' });
      }
      break;
    case 'storage_pool':
      out.push(...poolBreaks(model, e, label));
      break;
  }
  return out;
}

function endpointBreaks(model: TopologyModel, e: Entity, label: string): ChainBreak[] {
  const out: ChainBreak[] = [];
  const type = str(get(e.node, 'type'));
  const lv = fieldLinks(model, e, 'lv_ref')[0];
  const mp = fieldLinks(model, e, 'mount_point_ref')[0];
  const infer = entryOf(e.node, 'infer_from');
  const at = (l: Link) => (l.target ? ` (${model.where(l.target.idSpan)})` : '');
  if (!lv && !mp && !infer) {
    if (type === undefined || !NETWORK_STORAGE_TYPES.has(type))
      out.push({
        entity: e,
        reason: 'missing',
        field: 'mount_point_ref',
        span: e.idSpan,
        message: `${label}${type ? ` (type ${type})` : ''} has no \`lv_ref\`, \`mount_point_ref\` or \`infer_from\`, so its storage chain ends there. A dir storage rests on \`mount_point_ref\` (and \`path\`), an lvm/lvmthin storage on \`lv_ref\`.`,
        related: [],
        severity: 'info',
      });
    return out;
  }
  if (lv && mp)
    out.push({
      entity: e,
      reason: 'ambiguous',
      field: 'mount_point_ref',
      span: mp.span,
      message: `${label} names both \`lv_ref\` '${lv.value}'${at(lv)} and \`mount_point_ref\` '${mp.value}'${at(mp)}; an endpoint rests on one of them (lvm/lvmthin on the LV, dir on the mount point). Keep the one that matches its type.`,
      related: [{ span: lv.span, message: `lv_ref '${lv.value}'` }],
    });
  else if (type === 'dir' && lv && !mp)
    out.push({
      entity: e,
      reason: 'type-mismatch',
      field: 'lv_ref',
      span: lv.span,
      message: `${label} is a dir storage, but rests on the bare logical volume '${lv.value}'${at(lv)}; a directory lives on a mounted filesystem. Name the mount point of the filesystem on that LV in \`mount_point_ref\` instead.`,
      related: [],
    });
  else if ((type === 'lvm' || type === 'lvmthin') && mp && !lv)
    out.push({
      entity: e,
      reason: 'type-mismatch',
      field: 'mount_point_ref',
      span: mp.span,
      message: `${label} is an ${type} storage, but rests on the mount point '${mp.value}'${at(mp)}; LVM storage uses a logical volume (the thin pool for lvmthin), not a directory. Name it in \`lv_ref\` instead.`,
      related: [],
    });
  if (infer && (lv || mp)) {
    const explicit = (lv ?? mp)!;
    out.push({
      entity: e,
      reason: 'mixed-infer',
      field: 'infer_from',
      span: { file: e.node.file, start: infer.keyStart, end: infer.keyEnd },
      message: `${label} has the \`infer_from\` shorthand beside the explicit \`${explicit.field}\` '${explicit.value}'${at(explicit)}; the two can disagree and tools read only one. Remove \`infer_from\` now that the chain is explicit.`,
      related: [{ span: explicit.span, message: `${explicit.field} '${explicit.value}'` }],
      severity: 'warning',
    });
  }
  return out;
}

/** A mount point's `device_ref` must be a device its filesystem's disk is attached to. */
function deviceMismatch(model: TopologyModel, mount: Entity, label: string): ChainBreak[] {
  const device = fieldLinks(model, mount, 'device_ref')[0];
  if (device?.status !== 'ok') return [];
  const below = [...devicesBelow(model, mount)];
  if (!below.length || below.some((d) => d.id === device.value)) return [];
  const other = below[0]!;
  return [
    {
      entity: mount,
      reason: 'device-mismatch',
      field: 'device_ref',
      span: device.span,
      message: `${label} is on device '${device.value}', but the filesystem it mounts lies on a disk attached to '${other.id}' (${model.where(other.idSpan)}); a filesystem is mounted where its disk is. Fix \`device_ref\` or the chain under the filesystem.`,
      related: [{ span: other.idSpan, message: `device '${other.id}'` }],
    },
  ];
}

function poolBreaks(model: TopologyModel, pool: Entity, label: string): ChainBreak[] {
  const type = str(get(pool.node, 'type'));
  if (type !== undefined && NETWORK_STORAGE_TYPES.has(type)) return [];
  const disk = fieldLinks(model, pool, 'disk_ref')[0];
  const device = fieldLinks(model, pool, 'device_ref')[0];
  const out: ChainBreak[] = [];
  // The format requires neither: a pool without them is an incomplete chain, not a wrong one.
  if (!device)
    out.push({
      entity: pool,
      reason: 'missing',
      field: 'device_ref',
      span: pool.idSpan,
      message: `${label} has no \`device_ref\`, so its storage chain ends there: nothing says which host serves it. Name the device.`,
      related: [],
      severity: 'info',
    });
  if (!disk)
    out.push({
      entity: pool,
      reason: 'missing',
      field: 'disk_ref',
      span: pool.idSpan,
      message: `${label} has no \`disk_ref\`, so its storage chain ends there: nothing says which disk holds it. Name the disk (L1 \`media_registry\`).`,
      related: [],
      severity: 'info',
    });
  if (!disk || !device || disk.status !== 'ok' || device.status !== 'ok') return out;
  if (attachmentsOf(model, disk.value, device.value).length) return out;
  const elsewhere = attachmentsOf(model, disk.value);
  const where = elsewhere.length
    ? `it is attached to ${elsewhere.map((a) => `'${str(get(a.node, 'device_ref')) ?? '?'}' (${model.where(a.idSpan)})`).join(', ')}`
    : 'no media attachment places it in any device';
  out.push({
    entity: pool,
    reason: 'not-attached',
    field: 'disk_ref',
    span: disk.span,
    message: `${label} is served by '${device.value}' from disk '${disk.value}', but ${where}; a pool can only use a disk in its own host. Fix \`disk_ref\` or \`device_ref\`, or attach the disk to '${device.value}' in L1 \`media_attachments\`.`,
    related: [...elsewhere.map((a) => ({ span: a.idSpan, message: `attachment '${a.id}'` })), ...(disk.target ? [{ span: disk.target.idSpan, message: `disk '${disk.value}'` }] : [])],
    // The attachments' devices as written, and the disk (an attachment's `media_ref` meant for it may name nothing).
    after: [...elsewhere.flatMap((a) => scalarSpan(get(a.node, 'device_ref'))), ...(disk.target ? [disk.target.idSpan] : [])],
    ...(elsewhere.length ? {} : { unnamed: 'media' }),
  });
  return out;
}

function scalarSpan(n: SNode | undefined): Span[] {
  const d = deref(n);
  return d?.kind === 'scalar' ? [{ file: d.file, start: d.start, end: d.end }] : [];
}
