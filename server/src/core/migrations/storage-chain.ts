/**
 * Phase 1: v4.0 storage pools (`L3_data.storage`) become storage endpoints on an explicit chain;
 * `storage-X` is renamed `se-X` together with every ref to it, wherever it is (backup policies and
 * their destinations included, which the hand-made migration forgot); `storage_ref` becomes
 * `storage_endpoint_ref`; data assets lose their placement fields (`storage_ref` → the endpoint
 * ref, `path` → `paths`, `device_ref` when the rest of the topology already places the asset; on a
 * host that is not Proxmox, `device_ref` is how the format places data and stays).
 */
import { endpointIdFor } from '../model/canonical';
import type { Entity, Ref } from '../model/extract';
import { legacyUses } from '../model/legacy-shapes';
import type { TopologyModel } from '../model/model';
import { deref, get, str, type SMap } from '../workspace/nodes';
import { addItems, mapAt, removeItem, type NewItem } from './collections';
import { devicesHolding, endpointDevice } from './derive';
import { defineMigration } from './migration';
import type { PlanBuilder } from './plan-builder';
import { refsTo } from './refs';
import { CHAIN_KEYS, deriveChain } from './storage-chain-derive';
import { insertAfter, lineStart, removeEntry, renameKey, renderEntry, replaceEntry, replaceScalar } from './yaml-text';

export const storageChainMigration = defineMigration('storage-chain', {
  fixes: ['L3_data.storage', '*.storage_ref', 'data_asset.storage_ref', 'data_asset.path'],
  itemScoped: false,
  plan({ model }, b) {
    const pools = model.index.ofKind('storage_pool');
    const poolDevice = (id: string) => str(get(model.index.first('storage_pool', id)?.node, 'device_ref'));
    const handled = new Set<Ref>();
    migrateAssets(b, model, poolDevice, handled);
    if (pools.length) replacePools(b, model, pools, handled);
    // `storage_ref` → `storage_endpoint_ref` everywhere else (rootfs, templates, _defaults, backups).
    for (const u of legacyUses(model)) {
      if (u.migration !== 'storage-chain' || u.field !== 'storage_ref' || u.from?.kind === 'data_asset') continue;
      b.edit(renameKey(u.entry, u.container.file, 'storage_endpoint_ref'));
      const v = deref(u.entry.value);
      // A key under an anchor nobody aliases is not a declared ref: rename its value here.
      if (v?.kind === 'scalar' && typeof v.value === 'string' && model.index.first('storage_pool', v.value)) b.edit(replaceScalar(v, endpointIdFor(v.value)));
      b.change(u.from ? `${u.from.kind}:${u.from.id}` : u.path.join('.'), 'changed', 'storage_ref → storage_endpoint_ref');
    }
  },
});

function replacePools(b: PlanBuilder, model: TopologyModel, pools: Entity[], handled: Set<Ref>): void {
  const chain = deriveChain(model, pools, (p) => commentsAbove(b.text(p.node.file), p.node.start));
  for (const f of chain.fillIns) b.fillIn(f);
  for (const p of pools) {
    const to = endpointIdFor(p.id);
    const refs = refsTo(model, p.id, ['storage_pool']).filter((r) => !handled.has(r));
    for (const r of refs) b.edit(replaceScalar(r.node, to));
    b.rename({ kind: 'storage_pool', newKind: 'storage_endpoint', from: p.id, to });
    b.change(`storage_pool:${p.id}`, 'renamed', `→ storage_endpoint:${to} (${refs.length} ref${refs.length === 1 ? '' : 's'})`);
  }
  for (const key of CHAIN_KEYS) for (const item of chain.items[key]) if (key !== 'storage_endpoints') b.change(`${key}:${item.id}`, 'added');
  const l3 = mapAt(model, ['L3_data'])!;
  const entry = l3.byKey.get('storage')!;
  const inline = entry.value.kind === 'seq';
  const missing = CHAIN_KEYS.filter((k) => !l3.byKey.has(k) && chain.items[k].length);
  if (inline) {
    // The pool list gives way, in place, to the chain's collections the layer does not have yet.
    b.edit(replaceEntry(b.text(l3.file), entry, l3.file, (col) => missing.map((k) => inlineCollection(k, chain.items[k], col)).join('\n')));
  } else {
    for (const p of pools) removeItem(b, model, p);
    // The comment above `storage:` describes the layer more often than the pools: it stays.
    b.edit(removeEntry(b.text(l3.file), l3, entry, true));
  }
  for (const k of CHAIN_KEYS) {
    if (inline && missing.includes(k)) continue;
    addItems(b, model, ['L3_data'], k, chain.items[k], [...CHAIN_KEYS.slice(0, CHAIN_KEYS.indexOf(k)), 'storage']);
  }
}

function inlineCollection(key: string, items: NewItem[], col: number): string {
  const pad = ' '.repeat(col);
  let out = `${pad}${key}:\n`;
  let group: string | undefined;
  for (const item of items) {
    if (item.group !== undefined && item.group !== group) {
      out += `${group !== undefined ? '\n' : ''}${pad}# ${item.group}\n`;
      group = item.group;
    }
    out += (item.comment ?? []).map((c) => `${pad}# ${c}\n`).join('');
    out += renderEntry('x', [item.value], col).replace(/^\s*x:\n/, '');
  }
  return out;
}

/** Data assets: `storage_ref` → `storage_endpoint_ref` (or nothing, when a volume holds the asset), `path` → `paths`, `device_ref` when derivable. */
function migrateAssets(b: PlanBuilder, model: TopologyModel, poolDevice: (id: string) => string | undefined, handled: Set<Ref>): void {
  const inVolume = new Set(model.index.ofKind('volume').map((v) => str(get(v.node, 'data_asset_ref'))));
  for (const asset of model.index.ofKind('data_asset')) {
    const map = asset.node;
    const text = b.text(map.file);
    const ent = `data_asset:${asset.id}`;
    const sr = map.byKey.get('storage_ref');
    if (sr) {
      const value = str(sr.value);
      for (const r of model.refs) if (r.from === asset && r.field === 'storage_ref') handled.add(r);
      const target = value ? endpointIdFor(value) : undefined;
      if (inVolume.has(asset.id) || map.byKey.has('storage_endpoint_ref')) {
        b.edit(removeEntry(text, map, sr));
        b.change(ent, 'changed', 'storage_ref removed (a volume or storage_endpoint_ref places it)');
      } else {
        b.edit(replaceEntry(text, sr, map.file, (col) => renderEntry('storage_endpoint_ref', target, col)));
        b.change(ent, 'changed', `storage_ref → storage_endpoint_ref ${target}`);
      }
    }
    const pathEntry = map.byKey.get('path');
    if (pathEntry) {
      const slot = /config/.test(str(get(map, 'category')) ?? str(get(map, 'type')) ?? '') ? 'config' : 'data';
      const paths = deref(get(map, 'paths'));
      if (!paths) {
        b.edit(replaceEntry(text, pathEntry, map.file, (col) => renderEntry('paths', { [slot]: str(pathEntry.value) }, col)));
        b.change(ent, 'moved', `path → paths.${slot}`);
      } else if (paths.kind === 'map' && !paths.byKey.has(slot)) {
        b.edit(insertAfter(text, paths as SMap, undefined, (col) => renderEntry(slot, str(pathEntry.value), col)));
        b.edit(removeEntry(text, map, pathEntry));
        b.change(ent, 'moved', `path → paths.${slot}`);
      } else b.fillIn({ entity: ent, file: map.file, message: `data asset ${asset.id}: \`path\` and \`paths.${slot}\` both set; keep one.`, left: true });
    }
    const dev = map.byKey.get('device_ref');
    const device = str(dev?.value);
    if (!dev || !device) continue;
    // What places the asset once this plan is applied (the storage_ref above keeps placing it).
    let placed = inVolume.has(asset.id) || map.byKey.has('storage_endpoint_ref') || map.byKey.has('mount_point_ref') || sr !== undefined;
    let onMount = false;
    if (!placed) {
      const mount = mountHolding(model, device, assetPaths(asset, pathEntry ? str(pathEntry.value) : undefined));
      if (mount) {
        b.edit(insertAfter(text, map, dev, (col) => renderEntry('mount_point_ref', mount.id, col)));
        b.change(ent, 'changed', `mount_point_ref ${mount.id} (${str(get(mount.node, 'path'))} on ${device})`);
        placed = true;
        onMount = true;
      }
    }
    if (placed && (onMount || devicesHolding(model, asset, poolDevice).has(device))) {
      b.edit(removeEntry(text, map, dev));
      b.change(ent, 'changed', `device_ref ${device} removed (derivable)`);
    } else if (!placed && proxmoxHosts(model).has(device)) {
      // Elsewhere (a router, a Docker host) the format places data by its device alone.
      b.fillIn({
        entity: ent,
        file: map.file,
        message: `data asset ${asset.id}: device_ref ${device} is the only thing that places it (no storage chain on ${device} holds ${assetPaths(asset, pathEntry ? str(pathEntry.value) : undefined).join(', ') || 'it'}); describe that storage (partition, filesystem, mount point) and write mount_point_ref or storage_endpoint_ref, then remove device_ref.`,
        left: true,
      });
    }
  }
}

/** Devices Proxmox runs on: those holding a storage pool or a guest. */
function proxmoxHosts(model: TopologyModel): Set<string> {
  const out = new Set<string>();
  for (const kind of ['storage_pool', 'lxc', 'vm']) for (const e of model.index.ofKind(kind)) out.add(str(get(e.node, 'device_ref')) ?? '');
  for (const se of model.index.ofKind('storage_endpoint')) if (str(get(se.node, 'platform')) === 'proxmox') out.add(endpointDevice(model, se) ?? '');
  out.delete('');
  return out;
}

/** The paths an asset is known by: its legacy `path` and its `paths` map. */
function assetPaths(asset: Entity, legacyPath: string | undefined): string[] {
  const out = legacyPath ? [legacyPath] : [];
  const paths = deref(get(asset.node, 'paths'));
  if (paths?.kind === 'map') for (const e of paths.entries) if (typeof str(e.value) === 'string') out.push(str(e.value)!);
  return out;
}

/** The mount point of a device whose path is the longest prefix of every one of the asset's paths. */
function mountHolding(model: TopologyModel, device: string, paths: string[]): Entity | undefined {
  if (!paths.length) return undefined;
  const under = (p: string, m: string) => m === '/' || p === m || p.startsWith(`${m.replace(/\/$/, '')}/`);
  let best: Entity | undefined;
  for (const m of model.index.ofKind('mount_point')) {
    const mp = str(get(m.node, 'path'));
    if (!mp || str(get(m.node, 'device_ref')) !== device || !paths.every((p) => under(p, mp))) continue;
    if (!best || mp.length > (str(get(best.node, 'path')) ?? '').length) best = m;
  }
  return best;
}

/** The comment lines right above an entity (its file's header, or the lines above its list item), without `#`. */
function commentsAbove(text: string, offset: number): string[] {
  let s = lineStart(text, offset);
  const out: string[] = [];
  while (s > 0) {
    const prev = lineStart(text, s - 1);
    const line = text.slice(prev, s).trim();
    if (!line.startsWith('#')) break;
    out.unshift(line.replace(/^#\s?/, ''));
    s = prev;
  }
  return out;
}
