/**
 * The migrations of the L3/L4 refactor (docs/format.md#migrations), declared once. The schema's
 * `x-migration` keyword, the `deprecated-field` rule and the migration engine all use these ids
 * (so they sit here, below all three).
 */
export const MIGRATIONS = {
  'l3-modular-layout': { phase: 1, title: 'L3 modular layout' },
  'storage-chain': { phase: 1, title: 'Storage pools to an explicit storage chain' },
  'data-asset-taxonomy': { phase: 2, title: 'Data-asset category and criticality' },
  'resource-profiles': { phase: 3, title: 'Inline resources to resource profiles' },
  'lxc-volumes': { phase: 4, title: 'LXC volumes linked to data assets' },
  'platform-type': { phase: 5, title: 'platform_type and tags replace type and role' },
  'service-config': { phase: 6, title: 'Application config from ansible.vars to service config' },
  'service-runtime': { phase: 7, title: 'Service runtime block' },
  'external-services': { phase: 8, title: 'Remove external_services and redundant service IPs' },
} as const;

export type MigrationId = keyof typeof MIGRATIONS;

export function isMigrationId(value: string): value is MigrationId {
  return Object.hasOwn(MIGRATIONS, value);
}
