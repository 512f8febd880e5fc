import { storageSize, type StorageSize } from '../model/canonical';
import { spanOf, type Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { fieldLinks } from '../model/storage-links';
import type { Finding } from '../types';
import { get, scalar } from '../workspace/nodes';
import { defineRule } from './rule';

type Report = (f: Omit<Finding, 'rule'>) => void;

interface Sized {
  entity: Entity;
  size: StorageSize;
}

const gb = (n: number) => `${Number(n.toFixed(2))} GB`;

export const storageCapacity = defineRule({
  id: 'storage-capacity',
  severity: 'warning',
  category: 'storage',
  description: 'Partitions exceed their disk, logical volumes exceed their volume group, or `remaining` is used twice.',
  docs: `Sizes along the storage chain must fit: the partitions of one disk (through their media attachments) add up to at most the disk's \`size_gb\`, and the logical volumes of one volume group to at most the sum of its physical volumes. A \`size: remaining\` partition takes what the others leave on its disk, so only one partition per disk (and one logical volume per volume group) can use it.

Sizes are read from \`size\` (a number of GB, \`512M\`, \`1G\`, \`2T\` or \`remaining\`), else \`size_gb\`, else \`size_mb\`; units are powers of 1024 of one another and are compared with the disk's \`size_gb\` as written. Values that are not sizes (a \`{{ placeholder }}\`) and volume groups with a physical volume of unknown size are skipped.

The finding sits on the size that crosses the limit and names the disk or volume group (file and line). Shrink a partition or volume, or give the last one \`size: remaining\`.`,
  over: 'model',
  check(model, { report }) {
    const byMedia = partitionsByMedia(model);
    const pvSize = new Map<Entity, number>();
    for (const [media, parts] of byMedia) checkMedia(model, media, parts, pvSize, report);
    for (const vg of model.index.ofKind('volume_group')) checkVolumeGroup(model, vg, pvSize, report);
  },
});

/** A second definition of an id is id-duplicate's finding; its size is not counted again. */
function firstOfId(model: TopologyModel, e: Entity): boolean {
  return model.index.find(e.kind, e.id)[0] === e;
}

/** Partitions grouped by the disk their media attachment holds, in partition-number order. */
function partitionsByMedia(model: TopologyModel): Map<Entity, Sized[]> {
  const out = new Map<Entity, Sized[]>();
  for (const p of model.index.ofKind('partition')) {
    if (!firstOfId(model, p)) continue;
    const att = fieldLinks(model, p, 'media_attachment_ref')[0];
    if (att?.status !== 'ok' || !att.target) continue;
    const media = fieldLinks(model, att.target, 'media_ref')[0];
    if (media?.status !== 'ok' || !media.target) continue;
    const list = out.get(media.target) ?? [];
    list.push({ entity: p, size: storageSize(p.node) });
    out.set(media.target, list);
  }
  const num = (s: Sized) => {
    const n = scalar(get(s.entity.node, 'number'));
    return typeof n === 'number' ? n : Number.POSITIVE_INFINITY;
  };
  for (const list of out.values()) list.sort((a, b) => num(a) - num(b));
  return out;
}

function checkMedia(model: TopologyModel, media: Entity, parts: Sized[], pvSize: Map<Entity, number>, report: Report): void {
  const label = `disk '${media.id}' (${model.where(media.idSpan)})`;
  remainingTwice(model, parts, label, 'partition', report);
  const total = scalar(get(media.node, 'size_gb'));
  if (typeof total !== 'number') return;
  overflow(parts, total, label, 'partitions', report);
  const fixed = parts.reduce((sum, p) => sum + (p.size.gb ?? 0), 0);
  for (const p of parts) {
    if (p.size.gb !== undefined) pvSize.set(p.entity, p.size.gb);
    else if (p.size.remaining) pvSize.set(p.entity, Math.max(0, total - fixed));
  }
}

function checkVolumeGroup(model: TopologyModel, vg: Entity, pvSize: Map<Entity, number>, report: Report): void {
  const lvs: Sized[] = model.referencesTo(vg, 'vg_ref').flatMap((r) => (r.from?.kind === 'logical_volume' && firstOfId(model, r.from) ? [{ entity: r.from, size: storageSize(r.from.node) }] : []));
  const label = `volume group '${vg.id}' (${model.where(vg.idSpan)})`;
  remainingTwice(model, lvs, label, 'logical volume', report);
  const pvs = fieldLinks(model, vg, 'pv_refs');
  if (!pvs.length) return;
  let total = 0;
  for (const pv of pvs) {
    const size = pv.status === 'ok' && pv.target ? pvSize.get(pv.target) : undefined;
    if (size === undefined) return;
    total += size;
  }
  overflow(lvs, total, label, 'logical volumes', report);
}

function remainingTwice(model: TopologyModel, list: Sized[], label: string, what: string, report: Report): void {
  const rest = list.filter((s) => s.size.remaining);
  const first = rest[0];
  for (const s of rest.slice(1)) {
    report({
      span: spanOf(s.size.node!),
      message: `${what[0]!.toUpperCase()}${what.slice(1)} '${s.entity.id}' uses \`size: remaining\` on ${label}, but '${first!.entity.id}' (${model.where(first!.entity.idSpan)}) already takes the remaining space; only one ${what} can. Give one of them a fixed size.`,
      related: [{ span: first!.entity.idSpan, message: `'${first!.entity.id}' takes the remaining space` }],
    });
  }
}

/** Reports the first size at which the running total passes `total`. */
function overflow(list: Sized[], total: number, label: string, what: string, report: Report): void {
  let sum = 0;
  for (const s of list) {
    if (s.size.gb === undefined) continue;
    sum += s.size.gb;
    if (sum <= total + 1e-9) continue;
    const parts = list.filter((x) => x.size.gb !== undefined && list.indexOf(x) <= list.indexOf(s));
    report({
      span: spanOf(s.size.node!),
      message: `The ${what} on ${label} add up to ${gb(sum)} with '${s.entity.id}' (${parts.map((x) => `${x.entity.id} ${gb(x.size.gb!)}`).join(' + ')}), more than its ${gb(total)}. Shrink one of them, or give the last one \`size: remaining\`.`,
      data: { total, sum },
    });
    return;
  }
}
