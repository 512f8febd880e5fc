import { dataAssetGovernance } from '../model/canonical';
import { spanOf } from '../model/extract';
import { deref, get } from '../workspace/nodes';
import { defineRule } from './rule';

/** Categories whose data only an engine can read: a backup of them is useless without knowing which. */
const ENGINE_CATEGORIES = ['database', 'cache', 'timeseries', 'search-index', 'object-storage'];

export const engineRequired = defineRule({
  id: 'engine-required',
  // The format leaves `engine` optional: naming it is advice, so a hint, never a claim of error.
  severity: 'hint',
  category: 'governance',
  description: 'A database, cache, timeseries, search-index or object-storage asset does not name its engine.',
  docs: `Data of these categories is only readable by the software that wrote it: a PostgreSQL cluster needs \`pg_dump\`/\`pg_restore\` of a matching version, a Prometheus TSDB needs Prometheus. \`engine\` (and \`engine_version\`) tell backups, restores and generators which one.

The format itself does not require \`engine\`, so this is a hint, not an error. Add \`engine: <name>\` (e.g. \`postgresql\`, \`redis\`, \`prometheus\`, \`minio\`). Assets in the v4.0 shape (flat \`type\`, no \`category\`/\`criticality\`) are not checked: the deprecation rule offers the taxonomy migration first.`,
  // Whether an asset names its engine is in the asset alone: an edit re-checks only the assets it touched.
  over: 'entities',
  kinds: ['data_asset'],
  check(asset, { report }) {
    const g = dataAssetGovernance(asset);
    if (!g.taxonomy || !g.category || !ENGINE_CATEGORIES.includes(g.category) || g.engine) return;
    const at = deref(get(asset.node, 'category')) ?? deref(get(asset.node, 'type'));
    report({
      span: at ? spanOf(at) : asset.idSpan,
      message: `Data asset ${asset.id} has category ${g.category} but names no engine. Without it backups and restores cannot pick the right tool; add \`engine:\` (e.g. postgresql, redis).`,
    });
  },
});
