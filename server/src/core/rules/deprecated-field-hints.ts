/**
 * What to write instead of each legacy shape, with the values of the entity at hand, so a
 * `deprecated-field` message tells the user the replacement and not only the migration's name.
 */
import { dataAssetCategory, endpointIdFor, guestResources, serviceRuntime } from '../model/canonical';
import type { LegacyUse } from '../model/legacy-shapes';
import { fieldLinks, volumesHolding } from '../model/storage-links';
import type { TopologyModel } from '../model/model';
import { deref, get, items, str } from '../workspace/nodes';
import { noteAllKeys } from '../incremental/reads';

const code = (s: string) => `\`${s}\``;

export function replacementFor(model: TopologyModel, u: LegacyUse): string {
  // Looked up through the map, so a re-check knows the message depends on the value.
  const value = str(get(u.container, u.entry.key));
  const owner = u.from;
  if (u.source === 'ansible-vars') return ansibleVars(model, u);
  if (u.path.length === 2 && u.path[0] === 'L3_data' && u.field === 'storage') return pools(u);
  if (u.path.length === 2 && u.path[0] === 'L5_application' && u.field === 'external_services')
    return `move each ${code('docker_services')} entry into ${code('config.docker')} of the service it runs (matched by name; the host's ip becomes ${code('config.docker.host_ip')}), give those services ${code('runtime: {type: docker, target_ref: <device>}')}, then delete ${code('external_services')}`;
  if (owner?.kind === 'data_asset') {
    if (u.field === 'type') {
      if (get(owner.node, 'category') !== undefined) return `remove it: ${code('category')} says what the asset is`;
      const category = dataAssetCategory(owner);
      return `write ${code(`category: ${category ?? '<category>'}`)} (with ${code('criticality')} and ${code('engine')})`;
    }
    // Already placed through the chain: the legacy key only repeats (or contradicts) it.
    const placed = [...fieldLinks(model, owner, 'storage_endpoint_ref', 'mount_point_ref'), ...volumesHolding(model, owner)][0];
    if (placed) return `remove it: ${placed.viaVolume ? `volume '${placed.value}'` : `\`${placed.field}\` '${placed.value}'`} (${model.where(placed.span)}) already places the asset`;
    const endpoint = u.field === 'storage_ref' && value ? `${code(`storage_endpoint_ref: ${endpointIdFor(value)}`)}` : `${code('storage_endpoint_ref')} or ${code('mount_point_ref')}`;
    return `place the asset through the storage chain: name it in ${code('data_asset_ref')} of the LXC/VM volume that holds it, or give it ${endpoint}`;
  }
  if (u.field === 'storage_ref') return `write ${code(`storage_endpoint_ref: ${value ? endpointIdFor(value) : 'se-…'}`)}`;
  if ((owner?.kind === 'lxc' || owner?.kind === 'vm') && (u.field === 'type' || u.field === 'role')) {
    const platform = owner.kind === 'lxc' ? code('platform_type: lxc-unprivileged') : `${code('platform_type')} (vm-uefi, vm-bios or vm-cloud-init)`;
    return `write ${platform} and add ${value ? `'${value}'` : 'the value'} to ${code('tags')}`;
  }
  if ((owner?.kind === 'lxc' || owner?.kind === 'vm') && u.field === 'resources') {
    const r = guestResources(owner, model.index);
    const sizes = [
      r.cores !== undefined ? `${r.cores} core${r.cores === 1 ? '' : 's'}` : '',
      r.memoryMb !== undefined ? `${r.memoryMb} MB memory` : '',
      r.swapMb !== undefined ? `${r.swapMb} MB swap` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `define a resource profile${sizes ? ` (${sizes})` : ''} in ${code('resource_profiles')} and write ${code('resource_profile_ref: profile-…')} (differences go in ${code('resources_override')})`;
  }
  if (owner?.kind === 'service') return serviceField(owner, u.field, value);
  return 'use the shape the migration writes';
}

function pools(u: LegacyUse): string {
  const ids = items(u.entry.value)
    .map((p) => str(get(p, 'id')))
    .filter((id): id is string => id !== undefined);
  const list = ids.length ? ` (${ids.map((id) => `${id} → ${endpointIdFor(id)}`).join(', ')})` : '';
  return `describe each pool as a storage endpoint in ${code('storage_endpoints')}${list}, backed by ${code('lv_ref')} (lvmthin) or ${code('mount_point_ref')} + ${code('path')} (dir), with the partitions, volume groups, logical volumes, filesystems and mount points under it`;
}

function serviceField(svc: Parameters<typeof serviceRuntime>[0], field: string, value: string | undefined): string {
  const rt = serviceRuntime(svc);
  const block = get(svc.node, 'runtime');
  // With a runtime block already written, the legacy key only repeats (or contradicts) it.
  const written = (key: string) => rt.shape === 'runtime' && get(block, key) !== undefined;
  switch (field) {
    case 'network_ref':
      return written('network_binding_ref') ? `remove it: ${code('runtime.network_binding_ref')} says it` : `write ${code(`runtime.network_binding_ref: ${value ?? '<network>'}`)}`;
    case 'container_image':
      return written('image') ? `remove it: ${code('runtime.image')} says it` : `write ${code(`runtime.image: ${value ?? '<image>'}`)}`;
    case 'ip':
      return `remove it: the address is derived from the runtime target's interface in ${code('runtime.network_binding_ref')}`;
    default:
      if (rt.shape === 'runtime') return `remove it: ${code('runtime')} already says where the service runs${rt.type ? ` (type ${rt.type}${rt.targetId ? `, target ${rt.targetId}` : ''})` : ''}`;
      if (!rt.type) return `write ${code('runtime: {type, target_ref}')}`;
      return `write ${code(`runtime: {type: ${rt.type}, target_ref: ${rt.targetId ?? '<target>'}}`)}`;
  }
}

function ansibleVars(model: TopologyModel, u: LegacyUse): string {
  const guest = u.from!;
  const keys = (u.appKeys ?? []).map((k) => k.key);
  const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ');
  const svc = model.index.ofKind('service').find((s) => {
    const rt = serviceRuntime(s);
    return rt.targetId === guest.id && rt.targetKind === guest.kind;
  });
  const target = svc ? `service '${svc.id}' (${model.where(svc.idSpan)}), which runs in it` : `the service that runs in ${guest.kind} '${guest.id}'`;
  const vars = deref(u.entry.value);
  if (vars?.kind === 'map') noteAllKeys(vars.file);
  const onlyAppKeys = vars?.kind !== 'map' || vars.entries.length === keys.length;
  return `move ${shown} to ${code('config')} of ${target}${onlyAppKeys ? ',' : ''}${onlyAppKeys ? ` and drop ${code('vars')}` : ''}; keep ${code('ansible.enabled')} and ${code('playbook')} here`;
}
