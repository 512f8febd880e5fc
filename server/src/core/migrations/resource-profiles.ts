/**
 * Phase 3: an LXC's or VM's inline `resources` become a shared entry of `resource_profiles` and a
 * `resource_profile_ref`. Guests of one size share a profile; a guest that differs from an existing
 * profile in one value only takes that profile plus `resources_override` with the one value.
 */
import type { Entity } from '../model/extract';
import { deref, get, items, scalar, str, toJS, type SMap } from '../workspace/nodes';
import { addItems, type NewItem } from './collections';
import { defineMigration, inScope } from './migration';
import { guests } from '../model/canonical';
import { renderEntry, replaceEntry } from './yaml-text';

type Size = Record<'cores' | 'memory_mb' | 'swap_mb', number | undefined>;
const FIELDS = ['cores', 'memory_mb', 'swap_mb'] as const;

interface Profile {
  id: string;
  size: Size;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

function profileSize(p: Entity): Size {
  return { cores: num(scalar(get(get(p.node, 'cpu'), 'cores'))), memory_mb: num(scalar(get(get(p.node, 'memory'), 'mb'))), swap_mb: num(scalar(get(get(p.node, 'memory'), 'swap_mb'))) };
}

function differences(a: Size, b: Size): (typeof FIELDS)[number][] {
  return FIELDS.filter((f) => a[f] !== b[f]);
}

/** A profile name from what the guest is for: its legacy type, else its first tag, else its name. */
function profileBase(guest: Entity): string {
  const type = str(get(guest.node, 'type'));
  const tag = str(items(get(guest.node, 'tags'))[0]);
  const name = str(get(guest.node, 'name')) ?? guest.id.replace(/^(lxc|vm)-/, '');
  const base = guest.kind === 'vm' ? `vm-${name}` : (type ?? tag ?? name);
  return base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const title = (id: string) =>
  id
    .replace(/^profile-/, '')
    .split('-')
    .map((w) => (w === 'vm' ? 'VM' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');

export const resourceProfilesMigration = defineMigration('resource-profiles', {
  fixes: ['lxc.resources', 'vm.resources'],
  itemScoped: true,
  plan({ model, scope }, b) {
    const profiles: Profile[] = model.index.ofKind('resource_profile').map((p) => ({ id: p.id, size: profileSize(p) }));
    const created: NewItem[] = [];
    const taken = new Set(profiles.map((p) => p.id));
    for (const guest of guests(model.index)) {
      if (!inScope(scope, guest)) continue;
      const entry = guest.node.byKey.get('resources');
      const res = deref(entry?.value);
      if (!entry || res?.kind !== 'map') continue;
      if (guest.node.byKey.has('resource_profile_ref')) {
        b.fillIn({ entity: `${guest.kind}:${guest.id}`, file: guest.node.file, message: `${guest.kind} ${guest.id} has both \`resources\` and \`resource_profile_ref\`; keep one.`, left: true });
        continue;
      }
      const size: Size = { cores: num(scalar(get(res, 'cores'))), memory_mb: num(scalar(get(res, 'memory_mb'))), swap_mb: num(scalar(get(res, 'swap_mb'))) };
      const extra = (res as SMap).entries.filter((e) => !(FIELDS as readonly string[]).includes(e.key) || typeof scalar(e.value) !== 'number');
      let profile = profiles.find((p) => differences(p.size, size).length === 0);
      let override: Record<string, unknown> = {};
      if (!profile) {
        const near = profiles.find((p) => differences(p.size, size).length === 1 && size[differences(p.size, size)[0]!] !== undefined);
        if (near) {
          profile = near;
          const f = differences(near.size, size)[0]!;
          override[f] = size[f];
        }
      }
      if (!profile) {
        let id = `profile-${profileBase(guest)}`;
        for (let n = 2; taken.has(id); n++) id = `profile-${profileBase(guest)}-${n}`;
        taken.add(id);
        profile = { id, size };
        profiles.push(profile);
        const memory = { ...(size.memory_mb !== undefined ? { mb: size.memory_mb } : {}), ...(size.swap_mb !== undefined ? { swap_mb: size.swap_mb } : {}) };
        created.push({ id, value: { id, name: title(id), ...(size.cores !== undefined ? { cpu: { cores: size.cores } } : {}), ...(Object.keys(memory).length ? { memory } : {}) } });
        b.change(`resource_profile:${id}`, 'added', `from ${guest.id}`);
      }
      // Keys a profile has no place for stay with the guest, as overrides.
      for (const e of extra) override[e.key] = toJS(e.value);
      const chosen = profile;
      b.edit(
        replaceEntry(
          b.text(guest.node.file),
          entry,
          guest.node.file,
          (col) => renderEntry('resource_profile_ref', chosen.id, col) + (Object.keys(override).length ? renderEntry('resources_override', override, col) : ''),
        ),
      );
      b.change(`${guest.kind}:${guest.id}`, 'changed', `resource_profile_ref ${chosen.id}${Object.keys(override).length ? ` + override ${Object.keys(override).join(', ')}` : ''}`);
      override = {};
    }
    addItems(b, model, ['L4_platform'], 'resource_profiles', created, ['_defaults'], ['host_operating_systems', 'lxc', 'vms', 'templates']);
  },
});
