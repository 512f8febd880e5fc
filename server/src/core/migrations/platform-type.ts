/**
 * Phase 5: an LXC's or VM's application-flavoured `type` / `role` give way to `platform_type`
 * (what the guest is to the hypervisor) and `tags` (what runs in it). The type becomes the first
 * tag; the role goes when it is the one its type implies, else it becomes a tag as well.
 */
import type { Entity } from '../model/extract';
import { get, items, scalar, str, type SMap } from '../workspace/nodes';
import { defineMigration, inScope } from './migration';
import { guests } from '../model/canonical';
import type { PlanBuilder } from './plan-builder';
import { insertAfter, removeEntry, renderEntry, replaceEntry } from './yaml-text';

/** LxcRole as the schema pairs it with LxcType. */
const ROLE_OF_TYPE: Record<string, string> = { database: 'database-server', cache: 'cache-server', web: 'web-server', application: 'app-server', proxy: 'proxy-server' };

export function platformTypeFor(guest: Entity): string {
  if (guest.kind === 'lxc') return 'lxc-unprivileged';
  const bios = str(get(guest.node, 'bios'));
  if (bios === 'ovmf') return 'vm-uefi';
  if (scalar(get(get(guest.node, 'cloudinit'), 'enabled')) === true) return 'vm-cloud-init';
  return 'vm-bios';
}

export const platformTypeMigration = defineMigration('platform-type', {
  fixes: ['lxc.type', 'lxc.role', 'vm.type', 'vm.role'],
  itemScoped: true,
  plan({ model, scope }, b) {
    for (const guest of guests(model.index)) {
      if (!inScope(scope, guest)) continue;
      migrateGuest(b, guest);
    }
  },
});

function migrateGuest(b: PlanBuilder, guest: Entity): void {
  const map = guest.node;
  const text = b.text(map.file);
  const typeEntry = map.byKey.get('type');
  const roleEntry = map.byKey.get('role');
  const hasPlatform = map.byKey.has('platform_type');
  if (!typeEntry && !roleEntry && hasPlatform) return;
  const type = str(typeEntry?.value);
  const role = str(roleEntry?.value);
  const newTags = [type, role !== undefined && role !== ROLE_OF_TYPE[type ?? ''] ? role : undefined].filter((t): t is string => t !== undefined);
  const platform = platformTypeFor(guest);
  const withTags = newTags.length > 0 && !map.byKey.has('tags') && typeEntry !== undefined && !hasPlatform;
  // Without a tags list, the new one follows platform_type where `type` was.
  const line = (col: number) => renderEntry('platform_type', platform, col) + (withTags ? renderEntry('tags', newTags, col) : '');
  // platform_type takes the place of `type` (or follows the id keys when there is no type).
  if (typeEntry && !hasPlatform) b.edit(replaceEntry(text, typeEntry, map.file, line));
  else if (typeEntry) b.edit(removeEntry(text, map, typeEntry));
  else if (!hasPlatform) b.edit(insertAfter(text, map, map.byKey.get('device_ref') ?? map.byKey.get('name') ?? map.byKey.get('id'), line));
  if (roleEntry) b.edit(removeEntry(text, map, roleEntry));
  if (newTags.length && !withTags) addTags(b, map, text, newTags, roleEntry ?? typeEntry);
  b.change(`${guest.kind}:${guest.id}`, 'changed', `platform_type ${hasPlatform ? str(get(map, 'platform_type')) : platform}${newTags.length ? `; tags + ${newTags.join(', ')}` : ''}`);
}

/** Puts tags first in `tags` (flow or block), or writes `tags` where the legacy key was. */
function addTags(b: PlanBuilder, map: SMap, text: string, add: string[], near: { keyStart: number } | undefined): void {
  const entry = map.byKey.get('tags');
  if (!entry) {
    const after = map.entries.filter((e) => near && e.keyStart < near.keyStart && e.key !== 'type' && e.key !== 'role').at(-1);
    b.edit(insertAfter(text, map, after, (col) => renderEntry('tags', add, col)));
    return;
  }
  const current = items(entry.value)
    .map((n) => str(n))
    .filter((t): t is string => t !== undefined);
  const missing = add.filter((t) => !current.includes(t));
  if (!missing.length) return;
  const v = entry.value;
  if (text[v.start] === '[') b.edit({ file: map.file, start: v.start, end: text.indexOf(']', v.start) + 1, text: `[${[...missing, ...current].join(', ')}]` });
  else b.edit(replaceEntry(text, entry, map.file, (col) => renderEntry('tags', [...missing, ...current], col)));
}
