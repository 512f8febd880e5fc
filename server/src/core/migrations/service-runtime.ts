/**
 * Phase 7: a service's `lxc_ref` / `vm_ref` / `device_ref` (+ `container`, `container_runtime`,
 * `native`), `network_ref` and `container_image` become one `runtime` block, and the data assets
 * it uses are listed in `data_asset_refs` (docs/format.md#service-runtime).
 */
import { serviceRuntime } from '../model/canonical';
import type { Entity } from '../model/extract';
import { deref, get, str, type SEntry, type SMap } from '../workspace/nodes';
import { assetsUsedBy } from './derive';
import { defineMigration, inScope } from './migration';
import { removeEntry, renderEntry, replaceEntry, insertAfter } from './yaml-text';

const LEGACY = ['lxc_ref', 'vm_ref', 'device_ref', 'container', 'container_runtime', 'container_image', 'native', 'network_ref'] as const;
const RUNTIME_TYPES = new Set(['docker', 'podman']);

export const serviceRuntimeMigration = defineMigration('service-runtime', {
  fixes: LEGACY.map((f) => `service.${f}`),
  itemScoped: true,
  plan({ model, scope }, b) {
    for (const svc of model.index.ofKind('service')) {
      if (!inScope(scope, svc)) continue;
      const map = svc.node;
      const text = b.text(map.file);
      const legacy = LEGACY.map((k) => map.byKey.get(k)).filter((e): e is SEntry => e !== undefined);
      const hasRuntime = deref(get(map, 'runtime'))?.kind === 'map';
      const assets = map.byKey.has('data_asset_refs') ? [] : assetsUsedBy(model, svc).map((a) => a.id);
      if (legacy.length === 0) {
        if (hasRuntime && assets.length) {
          b.edit(insertAfter(text, map, map.byKey.get('runtime'), (col) => renderEntry('data_asset_refs', assets, col)));
          b.change(`service:${svc.id}`, 'changed', `data_asset_refs: ${assets.join(', ')}`);
        }
        continue;
      }
      const rt = serviceRuntime(svc);
      const runtime = hasRuntime ? undefined : runtimeBlock(svc, rt, (m) => b.fillIn({ entity: `service:${svc.id}`, file: map.file, message: m, left: true }));
      if (!hasRuntime && !runtime) continue;
      if (hasRuntime) {
        // Keys that repeat the runtime block go; one that contradicts it stays for a person to settle.
        const conflicts = legacy.filter((e) => contradicts(svc, e, rt));
        for (const e of legacy) if (!conflicts.includes(e)) b.edit(removeEntry(text, map, e));
        for (const e of conflicts)
          b.fillIn({ entity: `service:${svc.id}`, file: map.file, message: `service ${svc.id}: \`${e.key}\` disagrees with its \`runtime\` block; keep one of them.`, left: true });
        if (legacy.length > conflicts.length) b.change(`service:${svc.id}`, 'changed', 'legacy runtime keys removed');
        continue;
      }
      const [first, ...rest] = legacy;
      b.edit(replaceEntry(text, first!, map.file, (col) => renderEntry('runtime', runtime, col) + (assets.length ? renderEntry('data_asset_refs', assets, col) : '')));
      for (const e of rest) b.edit(removeEntry(text, map, e));
      b.change(`service:${svc.id}`, 'changed', `runtime ${runtime!.type} → ${runtime!.target_ref}${assets.length ? `; data_asset_refs: ${assets.join(', ')}` : ''}`);
    }
  },
});

function runtimeBlock(svc: Entity, rt: ReturnType<typeof serviceRuntime>, unresolved: (m: string) => void): Record<string, unknown> | undefined {
  if (!rt.type || !rt.targetId) {
    unresolved(`service ${svc.id}: no lxc_ref, vm_ref or device_ref says where it runs; write \`runtime: {type, target_ref}\` by hand.`);
    return undefined;
  }
  const containerRuntime = str(get(svc.node, 'container_runtime'));
  if (containerRuntime && !RUNTIME_TYPES.has(containerRuntime)) {
    unresolved(`service ${svc.id}: container_runtime '${containerRuntime}' has no runtime type; write \`runtime.type\` by hand.`);
    return undefined;
  }
  return {
    type: rt.type,
    target_ref: rt.targetId,
    ...(rt.networkBindingRef ? { network_binding_ref: rt.networkBindingRef } : {}),
    ...(rt.image ? { image: rt.image } : {}),
  };
}

/** A legacy key whose value differs from what the runtime block says. */
function contradicts(svc: Entity, e: SEntry, rt: ReturnType<typeof serviceRuntime>): boolean {
  const v = str(e.value);
  const block = get(svc.node, 'runtime') as SMap | undefined;
  switch (e.key) {
    case 'network_ref':
      return v !== undefined && rt.networkBindingRef !== undefined && v !== str(get(block, 'network_binding_ref')) && get(block, 'network_binding_ref') !== undefined;
    case 'container_image':
      return v !== undefined && get(block, 'image') !== undefined && v !== str(get(block, 'image'));
    case 'lxc_ref':
    case 'vm_ref':
    case 'device_ref':
      return v !== undefined && rt.targetId !== undefined && v !== rt.targetId;
    default:
      return false;
  }
}
