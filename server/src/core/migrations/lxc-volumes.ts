/**
 * Phase 4: a data asset that lives in an LXC (a backup target pairs them, or the service using the
 * asset runs there) gets a volume in that LXC's `storage.volumes`, on the storage endpoint the
 * asset named; the volume now places the asset, so the asset's own `storage_endpoint_ref` goes.
 */
import type { Entity } from '../model/extract';
import { deref, get, str, type SMap } from '../workspace/nodes';
import { assetEngine, idTokens, lxcHolding } from './derive';
import { defineMigration, inScope } from './migration';
import { insertAfter, removeEntry, renderEntry, renderItem } from './yaml-text';

export const lxcVolumesMigration = defineMigration('lxc-volumes', {
  fixes: [],
  itemScoped: true,
  plan({ model, scope }, b) {
    const placed = new Set(model.index.ofKind('volume').map((v) => str(get(v.node, 'data_asset_ref'))));
    const volumeIds = new Set(model.index.ofKind('volume').map((v) => v.id));
    const byLxc = new Map<Entity, { asset: Entity; volume: Record<string, unknown> }[]>();
    for (const asset of model.index.ofKind('data_asset')) {
      if (placed.has(asset.id)) continue;
      const endpointEntry = asset.node.byKey.get('storage_endpoint_ref');
      const endpoint = str(endpointEntry?.value);
      if (!endpoint || !model.index.first('storage_endpoint', endpoint)) continue;
      const lxc = lxcHolding(model, asset);
      if (!lxc || !(inScope(scope, lxc) || inScope(scope, asset))) continue;
      const engine = assetEngine(asset);
      const word = engine ?? idTokens(asset.id)[0] ?? asset.id.replace(/^data-/, '');
      let id = `vol-${word}-data`;
      for (let n = 2; volumeIds.has(id); n++) id = `vol-${word}-data-${n}`;
      volumeIds.add(id);
      const volume: Record<string, unknown> = { id, ...(engine ? { mount_path: `/var/lib/${engine}` } : {}), storage_endpoint_ref: endpoint, data_asset_ref: asset.id };
      byLxc.set(lxc, [...(byLxc.get(lxc) ?? []), { asset, volume }]);
      b.edit(removeEntry(b.text(asset.node.file), asset.node, endpointEntry!));
      b.change(`volume:${id}`, 'added', `in ${lxc.id} for ${asset.id}`);
      b.change(`data_asset:${asset.id}`, 'changed', `placed by volume ${id}`);
      b.fillIn({ entity: `volume:${id}`, file: lxc.node.file, message: `volume ${id} in ${lxc.id}: write its size_gb${engine ? ` and check mount_path /var/lib/${engine}` : ' and mount_path'}.` });
    }
    for (const [lxc, list] of byLxc) {
      const text = b.text(lxc.node.file);
      const storage = deref(get(lxc.node, 'storage'));
      const vols = list.map((x) => x.volume);
      if (storage?.kind === 'map') {
        const existing = storage.byKey.get('volumes');
        const seq = deref(existing?.value);
        if (existing && seq?.kind === 'seq' && seq.items.length) {
          const last = seq.items[seq.items.length - 1]! as SMap;
          b.edit(insertAfter(text, last, undefined, (col) => vols.map((v) => renderItem(v, col - 2)).join('')));
        } else if (!existing) b.edit(insertAfter(text, storage, storage.byKey.get('rootfs'), (col) => renderEntry('volumes', vols, col)));
        else b.fillIn({ entity: `lxc:${lxc.id}`, message: `lxc ${lxc.id}: add volumes ${vols.map((v) => String(v.id)).join(', ')} to storage.volumes by hand.` });
      } else b.edit(insertAfter(text, lxc.node, undefined, (col) => renderEntry('storage', { volumes: vols }, col)));
    }
  },
});
