import { entityLegacyUses, outsideLegacyUses, type LegacyUse } from '../model/legacy-shapes';
import type { TopologyModel } from '../model/model';
import type { Finding } from '../types';
import { MIGRATIONS } from '../model/migration-ids';
import { replacementFor } from './deprecated-field-hints';
import { defineRule } from './rule';

export const deprecatedField = defineRule({
  id: 'deprecated-field',
  severity: 'hint',
  tags: ['deprecated'],
  category: 'deprecation',
  description: 'A legacy (v4.0) shape that a migration of the L3/L4 refactor replaces.',
  docs: `The [L3/L4 refactor](../format.md#migrations) replaced several v4.0 shapes; the generators and the later format read the new ones. One finding per legacy key, naming the migration (its id, used by the quick fix, is in the finding's \`data.migration\`) and what to write instead:

| legacy shape | migration | write instead |
|---|---|---|
| \`L3_data.storage\` pools | \`storage-chain\` | \`storage_endpoints\` (\`storage-X\` → \`se-X\`) backed by the explicit chain |
| \`storage_ref\` in LXC/VM rootfs, templates, \`L4_platform._defaults\`, backup policies and their \`destination\` | \`storage-chain\` | \`storage_endpoint_ref\` |
| data-asset placement \`storage_ref\`, \`path\`, \`device_ref\` | \`storage-chain\` | a volume's \`data_asset_ref\`, or \`storage_endpoint_ref\` / \`mount_point_ref\` |
| data-asset flat \`type\` | \`data-asset-taxonomy\` | \`category\`, \`criticality\`, \`engine\` |
| LXC/VM \`type\`, \`role\` | \`platform-type\` | \`platform_type\` + \`tags\` |
| LXC/VM inline \`resources\` | \`resource-profiles\` | \`resource_profile_ref\` (+ \`resources_override\`) |
| application keys (\`postgresql_\`, \`redis_\`, \`nginx_\`, \`mysql_\`, \`nextcloud_\`, \`grafana_\`, \`prometheus_\`, \`jellyfin_\`, \`homeassistant_\`) in LXC/VM \`ansible.vars\` | \`service-config\` | the running service's \`config\` |
| service \`lxc_ref\`, \`vm_ref\`, \`device_ref\`, \`network_ref\`, \`container\`, \`container_image\`, \`container_runtime\`, \`native\` | \`service-runtime\` | \`runtime {type, target_ref, network_binding_ref, image}\` |
| service \`ip\`, \`L5_application.external_services\` | \`external-services\` | nothing: the address is derived; containers move to \`services[].config.docker\` |

The schema marks the legacy fields (\`deprecated: true\` with \`x-migration\`); the application keys and \`_defaults\` (a block of anchors the schema leaves open) are recognised by the rule. A key written once under an anchor and aliased elsewhere is reported once, where it is written.`,
  over: 'entities',
  kinds: 'all',
  check(entity, { model, report }) {
    for (const u of entityLegacyUses(model, entity)) report(legacyFinding(model, u));
  },
  outside(model, { report }) {
    for (const u of outsideLegacyUses(model)) report(legacyFinding(model, u));
  },
});

function legacyFinding(model: TopologyModel, u: LegacyUse): Omit<Finding, 'rule'> {
  const migration = u.migration ? MIGRATIONS[u.migration] : undefined;
  const aliased = u.aliasedBy?.length ? ` (aliased by ${u.aliasedBy.map((e) => `${e.kind} '${e.id}' at ${model.where(e.idSpan)}`).join(', ')})` : '';
  const owner = u.from ? ` of ${u.from.kind} '${u.from.id}'` : u.source === 'defaults' ? ` in \`L4_platform._defaults\`${aliased}` : '';
  const what = u.source === 'ansible-vars' ? `\`ansible.vars\`${owner} holds application keys (${(u.appKeys ?? []).length})` : `\`${u.field}\`${owner} is a v4.0 shape`;
  const fix = migration ? ` Migration '${u.migration}' (${migration.title}) rewrites it.` : '';
  return {
    span: u.span,
    message: `${what} that the refactored format no longer reads: ${replacementFor(model, u)}.${fix}`,
    data: { ...(u.migration ? { migration: u.migration } : {}), field: u.field },
  };
}
