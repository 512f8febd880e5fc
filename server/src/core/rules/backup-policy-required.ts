import { dataAssetGovernance } from '../model/canonical';
import { policiesTargeting } from '../model/lookups';
import { entryOf } from '../workspace/nodes';
import { defineRule } from './rule';

const NEEDS_BACKUP = ['high', 'critical'];

export const backupPolicyRequired = defineRule({
  id: 'backup-policy-required',
  // The format requires no backup policy of any asset: a missing one is worth a hint, never a claim of error.
  severity: 'hint',
  category: 'governance',
  description: 'A data asset of high or critical criticality has no backup policy.',
  docs: `A data asset with \`criticality: high\` or \`critical\` says losing it hurts; \`backup_policy_refs\` and the L7 policies whose \`targets\` name it say what protects it. With neither (the field missing or \`[]\`, and no policy targeting the asset) nothing does, and the first disk failure proves it.

The format itself leaves both optional, so this is a hint, not an error. Add the ids of the L7 \`backup.policies\` that back the asset up, or lower its criticality if it can really be lost (re-rippable media, caches). v4.0 assets carry no criticality and are not checked.`,
  // Whether a policy targets an asset is a table over every backup policy: judged over the model.
  over: 'model',
  check(model, { report }) {
    for (const asset of model.index.ofKind('data_asset')) {
      const g = dataAssetGovernance(asset);
      if (!g.criticality || !NEEDS_BACKUP.includes(g.criticality) || g.backupPolicyRefs.length > 0) continue;
      if (policiesTargeting(asset.id, model.index).length > 0) continue;
      const crit = entryOf(asset.node, 'criticality')!;
      report({
        span: { file: crit.value.file, start: crit.value.start, end: crit.value.end },
        message: `Data asset ${asset.id} has criticality ${g.criticality} but no backup policy protects it (backup_policy_refs is ${entryOf(asset.node, 'backup_policy_refs') ? 'empty' : 'missing'} and no policy's targets name it). Add the L7 backup policies that cover it, or lower its criticality.`,
      });
    }
  },
});
