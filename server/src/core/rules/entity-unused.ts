import { defineRule } from './rule';

/** Kinds that exist to be used: one nobody names is usually a leftover (a device kept beside its renamed twin). */
const WATCHED = ['device', 'network', 'storage_endpoint', 'storage_pool', 'resource_profile', 'network_profile'];

export const entityUnused = defineRule({
  id: 'entity-unused',
  severity: 'info',
  category: 'reference',
  description: 'A device, network, storage endpoint or profile that nothing references.',
  docs: `Devices, networks, storage endpoints (v4.0 storage pools), resource profiles and network profiles exist to be named by something else: a device by its interfaces' links, networks, guests or services; a network by guests and services; a storage endpoint by root filesystems, volumes and backups; a profile by the entities it sizes. One that nothing references is often a leftover of a rename (real data keeps a device beside its renamed twin), and generators may still emit it.

Delete it if it is gone, or reference it where it is used. If it is deliberately standalone (a spare device in the inventory), suppress the finding with \`# strata-disable-next-line entity-unused\` above its id.`,
  over: 'entities',
  kinds: WATCHED,
  check(e, { model, report }) {
    if (model.referencesTo(e).length > 0) return;
    // Unnamed because a ref meant for it names nothing, or because it is a second definition of its id.
    report({
      span: e.idSpan,
      message: `No reference names ${e.kind} '${e.id}'. If it is a leftover, remove it; otherwise reference it where it is used.`,
      after: [e.idSpan],
      data: { unnamed: e.kind },
    });
  },
});
