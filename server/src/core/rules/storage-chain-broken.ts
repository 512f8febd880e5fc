import { linkBreaks } from '../model/storage-chain';
import { defineRule } from './rule';

/** Kinds whose own links the rule checks (attachments, media and devices are L1's concern). */
const CHECKED = ['data_asset', 'volume', 'storage_endpoint', 'storage_pool', 'mount_point', 'filesystem', 'logical_volume', 'volume_group', 'partition'];

export const storageChainBroken = defineRule({
  id: 'storage-chain-broken',
  severity: 'error',
  category: 'storage',
  description: 'A link of the storage chain is missing, doubled, or cannot carry what rests on it.',
  docs: `The storage chain says where data physically lives: data asset → volume or storage endpoint → mount point → filesystem → logical volume → volume group → partition → media attachment → disk → device (v4.0: storage pool → disk attached to the pool's device). Generators, backups and the storage hover walk it; a broken link leaves data placed nowhere.

One finding per broken link, on the entity (or the value) at fault. Errors:

- a partition without \`media_attachment_ref\`; a volume group without \`pv_refs\`; a logical volume without \`vg_ref\` (links the format's schema requires);
- a filesystem with both \`lv_ref\` and \`partition_ref\` (it lives on exactly one block device);
- an \`lvm\` volume group whose physical volume is a partition not of type \`lvm-pv\`;
- a storage endpoint with both \`lv_ref\` and \`mount_point_ref\`, a \`dir\` endpoint on a bare LV, or an \`lvm\`/\`lvmthin\` endpoint on a mount point; \`infer_from\` beside an explicit link is a warning;
- a mount point whose \`device_ref\` is not the device its filesystem's disk is attached to;
- a v4.0 storage pool whose disk is not attached to its device in L1 \`media_attachments\`.

A link the format's schema leaves optional, when absent, is an incomplete chain rather than a wrong one: an info that the chain ends there. That is a mount point without \`filesystem_ref\`; a filesystem with neither \`lv_ref\` nor \`partition_ref\`; a storage endpoint with none of \`lv_ref\`, \`mount_point_ref\`, \`infer_from\` (network types nfs, cifs, cephfs and rbd need none); a volume (\`storage.volumes[]\`) without \`storage_endpoint_ref\` or \`data_asset_ref\`; a data asset placed nowhere (no \`storage_endpoint_ref\` or \`mount_point_ref\`, no volume naming it, no v4.0 \`storage_ref\` or \`device_ref\`); a v4.0 storage pool without \`device_ref\` or \`disk_ref\`.

Not reported here: a link whose value names no entity (\`ref-unknown\`) or an entity of another kind (\`ref-wrong-kind\`); a chain that loops (\`storage-chain-cycle\`); sizes (\`storage-capacity\`). The legacy shapes themselves are \`deprecated-field\` warnings.`,
  over: 'model',
  check(model, { report }) {
    for (const kind of CHECKED) {
      for (const e of model.index.ofKind(kind)) {
        for (const b of linkBreaks(model, e)) {
          report({
            span: b.span,
            message: b.message,
            ...(b.severity ? { severity: b.severity } : {}),
            ...(b.related.length ? { related: b.related } : {}),
            ...(b.after ? { after: b.after } : {}),
            data: { reason: b.reason, field: b.field, entity: e.id, ...(b.unnamed ? { unnamed: b.unnamed } : {}) },
          });
        }
      }
    }
  },
});
