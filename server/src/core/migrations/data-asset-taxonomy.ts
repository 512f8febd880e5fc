/**
 * Phase 2: a data asset's flat `type` becomes `category` (with `engine`, a proposed `criticality`
 * and the `backup_policy_refs` its L7 backup policies imply). The category refines the type with
 * what the asset's id and name say (a Prometheus TSDB "volume" is a timeseries).
 */
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { get, str } from '../workspace/nodes';
import { assetEngine, backupPoliciesFor } from './derive';
import { defineMigration, inScope } from './migration';
import { removeEntry, renderEntry, replaceEntry } from './yaml-text';

const BY_TYPE: Record<string, string> = {
  database: 'database',
  cache: 'cache',
  'config-export': 'configuration',
  media: 'media-library',
  file: 'file-share',
  volume: 'file-share',
  'backup-artifact': 'file-share',
};

/** Words that name a category better than a generic type (volume, file) does. */
const BY_WORD: [RegExp, string][] = [
  [/\b(tsdb|timeseries|prometheus|influx(db)?|metrics)\b/, 'timeseries'],
  [/\b(config|configuration|settings)\b/, 'configuration'],
  [/\b(logs?|loki)\b/, 'logs'],
  [/\b(media|movies|music|photos)\b/, 'media-library'],
  [/\b(secrets?|vault|keys)\b/, 'secrets'],
];

/** A starting point for a person to confirm: what losing this kind of data usually costs. */
const CRITICALITY: Record<string, string> = {
  database: 'critical',
  'file-share': 'critical',
  secrets: 'critical',
  configuration: 'high',
  'object-storage': 'high',
  timeseries: 'low',
  cache: 'low',
  'media-library': 'low',
  logs: 'low',
  'search-index': 'low',
};

export function categoryFor(asset: Entity): string | undefined {
  const type = str(get(asset.node, 'type'));
  if (!type) return undefined;
  if (type !== 'volume' && type !== 'file' && type !== 'backup-artifact') return BY_TYPE[type] ?? type;
  const words = `${asset.id.replace(/-/g, ' ')} ${str(get(asset.node, 'name')) ?? ''}`.toLowerCase();
  return BY_WORD.find(([re]) => re.test(words))?.[1] ?? BY_TYPE[type];
}

export const dataAssetTaxonomyMigration = defineMigration('data-asset-taxonomy', {
  fixes: ['data_asset.type'],
  itemScoped: true,
  plan({ model, scope }, b) {
    const proposed: string[] = [];
    for (const asset of model.index.ofKind('data_asset')) {
      if (!inScope(scope, asset)) continue;
      const typeEntry = asset.node.byKey.get('type');
      if (!typeEntry) continue;
      const text = b.text(asset.node.file);
      if (asset.node.byKey.has('category')) {
        b.edit(removeEntry(text, asset.node, typeEntry));
        b.change(`data_asset:${asset.id}`, 'changed', 'type removed (category says it)');
        continue;
      }
      const fields = newFields(model, asset, proposed);
      b.edit(
        replaceEntry(text, typeEntry, asset.node.file, (col) =>
          Object.entries(fields)
            .map(([k, v]) => renderEntry(k, v, col))
            .join(''),
        ),
      );
      b.change(`data_asset:${asset.id}`, 'changed', `type ${str(typeEntry.value)} → category ${String(fields.category)}`);
    }
    if (proposed.length) b.fillIn({ confirm: true, message: `criticality was proposed from each asset's category; confirm or change: ${proposed.join(', ')}.` });
  },
});

function newFields(model: TopologyModel, asset: Entity, proposed: string[]): Record<string, unknown> {
  const category = categoryFor(asset)!;
  const out: Record<string, unknown> = { category };
  const engine = asset.node.byKey.has('engine') ? undefined : assetEngine(asset);
  if (engine) out.engine = engine;
  if (!asset.node.byKey.has('criticality') && CRITICALITY[category]) {
    out.criticality = CRITICALITY[category];
    proposed.push(`${asset.id} (${CRITICALITY[category]})`);
  }
  if (!asset.node.byKey.has('backup_policy_refs')) out.backup_policy_refs = backupPoliciesFor(model, asset);
  return out;
}
