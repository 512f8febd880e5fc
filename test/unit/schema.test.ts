/**
 * The topology schema (schemas/topology.schema.json) against the facts it must declare:
 * every field real data uses (test/fixtures/schema/fields.md, the format's field lists
 * as real repositories use them), every enumeration value, the kinds of docs/schema-keywords.md, every reference of the
 * format (docs/format.md#references) and the migration ids of server/src/core/model/migration-ids.ts.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';
import { MIGRATIONS } from '../../server/src/core/model/migration-ids';
import { WIDER_PATTERNS, accepts, excess, excessAt, parseFormatSchema } from '../helpers/format-ceiling';

type Json = Record<string, unknown>;

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'docs/schema-keywords.md'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

const ROOT = repoRoot();
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/topology.schema.json'), 'utf8')) as Json;
const FIELDS_MD = fs.readFileSync(path.join(ROOT, 'test/fixtures/schema/fields.md'), 'utf8');
const KEYWORDS_MD = fs.readFileSync(path.join(ROOT, 'docs/schema-keywords.md'), 'utf8');
/** The format's own JSON Schema flattened per path at v4.0, mid-migration and later (a verbatim copy). */
const FORMAT = parseFormatSchema(fs.readFileSync(path.join(ROOT, 'test/fixtures/schema/format-schema.md'), 'utf8'));

function newAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false });
}

// ---------------------------------------------------------------------------------------------
// Walking the schema
// ---------------------------------------------------------------------------------------------

interface Node {
  schema: Json;
  pointer: string;
}

function atPointer(pointer: string): Json {
  let cur: unknown = SCHEMA;
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    cur = (cur as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (cur === undefined) throw new Error(`no schema at ${pointer}`);
  }
  return cur as Json;
}

function esc(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows `$ref`s to the schema that holds the keywords. */
function deref(n: Node): Node {
  let cur = n;
  for (let i = 0; i < 20 && typeof cur.schema.$ref === 'string'; i++) {
    const p = cur.schema.$ref;
    cur = { schema: atPointer(p), pointer: p };
  }
  return cur;
}

/** The node and its anyOf/oneOf/allOf branches, dereferenced. */
function branches(n: Node): Node[] {
  const d = deref(n);
  const out = [d];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = d.schema[key];
    if (Array.isArray(list)) for (const [i, s] of list.entries()) out.push(...branches({ schema: s as Json, pointer: `${d.pointer}/${key}/${i}` }));
  }
  return out;
}

function items(n: Node): Node | undefined {
  for (const b of branches(n)) {
    const it = b.schema.items;
    if (it && typeof it === 'object' && !Array.isArray(it)) return deref({ schema: it as Json, pointer: `${b.pointer}/items` });
  }
  return undefined;
}

/** The declared schema of property `key` (named, matched by a pattern, or the map's value schema). */
function prop(n: Node, key: string): Node | undefined {
  for (const b of branches(n)) {
    const props = b.schema.properties as Json | undefined;
    if (props && Object.hasOwn(props, key)) return deref({ schema: props[key] as Json, pointer: `${b.pointer}/properties/${esc(key)}` });
  }
  for (const b of branches(n)) {
    const pats = b.schema.patternProperties as Json | undefined;
    for (const [p, s] of Object.entries(pats ?? {})) {
      if (new RegExp(p, 'u').test(key)) return deref({ schema: s as Json, pointer: `${b.pointer}/patternProperties/${esc(p)}` });
    }
  }
  for (const b of branches(n)) {
    const ap = b.schema.additionalProperties;
    if (ap && typeof ap === 'object') return deref({ schema: ap as Json, pointer: `${b.pointer}/additionalProperties` });
  }
  return undefined;
}

/** The schema of a field's value for sub-field lookup: the items of an array, else the value itself. */
function container(n: Node): Node {
  return items(n) ?? deref(n);
}

/**
 * Resolves a data path: `.`-separated property names; `name[]` is the items of an array; `*` the
 * value schema of a map; `#keys` the propertyNames schema of a map.
 */
function resolvePath(p: string): Node {
  let cur: Node = { schema: SCHEMA, pointer: '#' };
  for (const seg of p.split('.')) {
    if (seg === '*') {
      const ap = deref(cur).schema.additionalProperties;
      assert.ok(ap && typeof ap === 'object', `${p}: no map value schema at ${cur.pointer}`);
      cur = deref({ schema: ap as Json, pointer: `${deref(cur).pointer}/additionalProperties` });
      continue;
    }
    if (seg === '#keys') {
      const pn = deref(cur).schema.propertyNames ?? deref(cur).schema['x-propertyNames'];
      assert.ok(pn && typeof pn === 'object', `${p}: no propertyNames at ${cur.pointer}`);
      cur = { schema: pn as Json, pointer: `${deref(cur).pointer}/propertyNames` };
      continue;
    }
    const isList = seg.endsWith('[]');
    const name = isList ? seg.slice(0, -2) : seg;
    const next = prop(cur, name);
    assert.ok(next, `${p}: '${name}' is not declared at ${cur.pointer}`);
    cur = next;
    if (isList) {
      const it = items(cur);
      assert.ok(it, `${p}: '${name}' is not an array`);
      cur = it;
    }
  }
  return deref(cur);
}

// ---------------------------------------------------------------------------------------------
// fields.md
// ---------------------------------------------------------------------------------------------

interface Field {
  name: string;
  children: Field[];
}

interface CollectionLine {
  version: string;
  path: string;
  fields: Field[];
}

/** Parses `a, b?, c {d, e? {f}}` into a field tree. */
function parseFields(text: string): Field[] {
  let i = 0;
  const list = (): Field[] => {
    const out: Field[] = [];
    for (;;) {
      while (text[i] === ' ') i++;
      if (i >= text.length || text[i] === '}') return out;
      const start = i;
      while (i < text.length && !' ,?{}'.includes(text[i]!)) i++;
      const field: Field = { name: text.slice(start, i), children: [] };
      assert.ok(field.name.length > 0, `fields.md: empty field name near "${text.slice(start, start + 30)}"`);
      if (text[i] === '?') i++;
      while (text[i] === ' ') i++;
      if (text[i] === '{') {
        i++;
        field.children = list();
        assert.strictEqual(text[i], '}', `fields.md: unclosed { after ${field.name}`);
        i++;
      }
      out.push(field);
      while (text[i] === ' ') i++;
      if (text[i] === ',') i++;
      else if (i < text.length && text[i] !== '}') throw new Error(`fields.md: unexpected "${text.slice(i, i + 20)}"`);
    }
  };
  const out = list();
  assert.strictEqual(i, text.length, `fields.md: trailing text "${text.slice(i)}"`);
  return out;
}

function parseFieldsMd(md: string): { collections: CollectionLine[]; enums: Map<string, string[]> } {
  const collections: CollectionLine[] = [];
  const enums = new Map<string, string[]>();
  let section = '';
  for (const line of md.split('\n')) {
    const h = /^## (.*)$/.exec(line);
    if (h) {
      section = h[1]!.trim();
      continue;
    }
    if (section === 'Enumerations') {
      const m = /^- `([^`]+)`: (.*)$/.exec(line);
      if (m)
        enums.set(
          m[1]!,
          m[2]!.split(', ').map((v) => v.trim()),
        );
      continue;
    }
    const m = /^- `([^`]+)` \(\d+\): (.*)$/.exec(line);
    if (m && section) collections.push({ version: section.replace(/ \(.*$/, ''), path: m[1]!, fields: parseFields(m[2]!.trim()) });
  }
  return { collections, enums };
}

const FIELD_LISTS = parseFieldsMd(FIELDS_MD);

/** The schema of one entity of a collection: the item of a list or the value of a map. */
function entityOf(collection: Node): Node {
  const it = items(collection);
  if (it) return it;
  const d = deref(collection);
  const ap = d.schema.additionalProperties;
  if (!d.schema.properties && ap && typeof ap === 'object') return deref({ schema: ap as Json, pointer: `${d.pointer}/additionalProperties` });
  return d;
}

function undeclared(at: Node, fields: Field[], where: string, out: string[]): void {
  for (const f of fields) {
    const node = prop(at, f.name);
    if (!node) {
      out.push(`${where}.${f.name} (not declared at ${at.pointer})`);
      continue;
    }
    if (f.children.length) undeclared(container(node), f.children, `${where}.${f.name}`, out);
  }
}

// ---------------------------------------------------------------------------------------------
// Which field each enumeration of fields.md applies to
// ---------------------------------------------------------------------------------------------

type EnumMode = 'enum' | 'example' | 'key';
const ENUM_FIELDS = YAML.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/schema/enum-fields.yaml'), 'utf8')) as Record<string, { paths: string[]; mode?: EnumMode }>;

// ---------------------------------------------------------------------------------------------
// Every reference of the format (docs/format.md#references), by data path, with its declared target
// ---------------------------------------------------------------------------------------------

const DEV_NETWORK = { kind: 'device', where: { class: ['network'] } };
const DEV_POWER = { kind: 'device', where: { class: ['power'] } };
const DEV_PHYSICAL = { kind: 'device', whereNot: { substrate: ['provider-instance'] } };
const IF_OF_DEVICE = { kind: 'interface', ownedBy: 'device_ref' };
const STORAGE = ['storage_pool', 'storage_endpoint'];
const TEMPLATE = ['lxc_template', 'vm_template'];
const RUNTIME_TARGET = { kindFrom: 'type', kinds: { lxc: 'lxc', vm: 'vm', docker: 'device', podman: 'device', native: 'device', baremetal: 'device' } };

function guestRefs(guest: string): Record<string, unknown> {
  const g = `L4_platform.${guest}[]`;
  return {
    [`${g}.device_ref`]: 'device',
    [`${g}.template_ref`]: TEMPLATE,
    [`${g}.trust_zone_ref`]: 'trust_zone',
    [`${g}.resource_profile_ref`]: 'resource_profile',
    [`${g}.networks[].bridge_ref`]: 'bridge',
    [`${g}.networks[].network_ref`]: 'network',
    [`${g}.storage.rootfs.storage_ref`]: STORAGE,
    [`${g}.storage.rootfs.storage_endpoint_ref`]: 'storage_endpoint',
    [`${g}.storage.volumes[].storage_endpoint_ref`]: 'storage_endpoint',
    [`${g}.storage.volumes[].data_asset_ref`]: 'data_asset',
  };
}

function endpointRefs(list: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const end of ['endpoint_a', 'endpoint_b']) {
    out[`L1_foundation.${list}[].${end}.device_ref`] = DEV_PHYSICAL;
    out[`L1_foundation.${list}[].${end}.interface_ref`] = IF_OF_DEVICE;
  }
  return out;
}

const EXPECTED_REFS: Record<string, unknown> = {
  // L0
  'L0_meta.defaults.refs.security_policy_ref': 'security_policy',
  'L0_meta.defaults.refs.network_manager_device_ref': DEV_NETWORK,
  // L1
  'L1_foundation.devices[].location': 'location',
  'L1_foundation.devices[].power.upstream_power_ref': DEV_POWER,
  'L1_foundation.media_attachments[].device_ref': 'device',
  'L1_foundation.media_attachments[].media_ref': 'media',
  'L1_foundation.media_attachments[].slot_ref': { kind: 'storage_slot', ownedBy: 'device_ref' },
  ...endpointRefs('data_links'),
  ...endpointRefs('power_links'),
  'L1_foundation.power_links[].data_link_ref': 'data_link',
  // L2
  'L2_network.trust_zones.*.default_firewall_policy_ref': 'firewall_policy',
  'L2_network.networks[].trust_zone_ref': 'trust_zone',
  'L2_network.networks[].profile_ref': 'network_profile',
  'L2_network.networks[].bridge_ref': 'bridge',
  'L2_network.networks[].managed_by_ref': DEV_NETWORK,
  'L2_network.networks[].interface_ref': { kind: 'interface', ownedBy: 'managed_by_ref' },
  'L2_network.networks[].firewall_policy_refs[]': 'firewall_policy',
  'L2_network.networks[].ip_allocations[].device_ref': 'device',
  'L2_network.networks[].ip_allocations[].host_os_ref': 'host_os',
  'L2_network.networks[].failover.primary': 'network',
  'L2_network.bridges[].device_ref': 'device',
  'L2_network.bridges[].host_os_ref': 'host_os',
  'L2_network.bridges[].network_ref': 'network',
  'L2_network.bridges[].ports[]': IF_OF_DEVICE,
  'L2_network.routing[].device_ref': 'device',
  'L2_network.routing[].gateway_device_ref': 'device',
  'L2_network.routing[].source_network_ref': 'network',
  'L2_network.routing[].destination_network_ref': 'network',
  'L2_network.firewall_policies[].source_network_ref': 'network',
  'L2_network.firewall_policies[].destination_network_ref': 'network',
  'L2_network.firewall_policies[].security_policy_ref': 'security_policy',
  'L2_network.firewall_policies[].source_zone_ref': 'trust_zone',
  'L2_network.firewall_policies[].destination_zone_ref': 'trust_zone',
  'L2_network.firewall_policies[].destination_zones_ref[]': 'trust_zone',
  'L2_network.qos.device_ref': 'device',
  'L2_network.qos.device_limits[].network_ref': 'network',
  'L2_network.ipv6.wan.interface_ref': 'interface',
  'L2_network.ipv6.networks[].network_ref': 'network',
  // L3
  'L3_data.storage[].device_ref': 'device',
  'L3_data.storage[].disk_ref': 'media',
  'L3_data.partitions[].media_attachment_ref': 'media_attachment',
  'L3_data.volume_groups[].pv_refs[]': 'partition',
  'L3_data.logical_volumes[].vg_ref': 'volume_group',
  'L3_data.filesystems[].lv_ref': 'logical_volume',
  'L3_data.filesystems[].partition_ref': 'partition',
  'L3_data.mount_points[].filesystem_ref': 'filesystem',
  'L3_data.mount_points[].device_ref': 'device',
  'L3_data.storage_endpoints[].lv_ref': 'logical_volume',
  'L3_data.storage_endpoints[].mount_point_ref': 'mount_point',
  'L3_data.storage_endpoints[].infer_from.media_attachment_ref': 'media_attachment',
  'L3_data.data_assets[].storage_ref': STORAGE,
  'L3_data.data_assets[].device_ref': 'device',
  'L3_data.data_assets[].backup_policy_refs[]': 'backup_policy',
  'L3_data.data_assets[].storage_endpoint_ref': 'storage_endpoint',
  'L3_data.data_assets[].mount_point_ref': 'mount_point',
  // L4
  ...guestRefs('lxc'),
  ...guestRefs('vms'),
  'L4_platform.templates.lxc[].storage_ref': STORAGE,
  'L4_platform.templates.lxc[].storage_endpoint_ref': 'storage_endpoint',
  'L4_platform.templates.vms[].storage_ref': STORAGE,
  'L4_platform.templates.vms[].storage_endpoint_ref': 'storage_endpoint',
  'L4_platform.host_operating_systems[].device_ref': 'device',
  'L4_platform.host_operating_systems[].installation.root_storage_endpoint_ref': 'storage_endpoint',
  // L5
  'L5_application.services[].device_ref': 'device',
  'L5_application.services[].lxc_ref': 'lxc',
  'L5_application.services[].vm_ref': 'vm',
  'L5_application.services[].network_ref': 'network',
  'L5_application.services[].runtime.target_ref': RUNTIME_TARGET,
  'L5_application.services[].runtime.network_binding_ref': 'network',
  'L5_application.services[].runtime.lxc_ref': 'lxc',
  'L5_application.services[].runtime.vm_ref': 'vm',
  'L5_application.services[].runtime.device_ref': 'device',
  'L5_application.services[].data_asset_refs[]': 'data_asset',
  'L5_application.services[].trust_zone_ref': 'trust_zone',
  'L5_application.services[].security_policy_ref': 'security_policy',
  'L5_application.services[].dependencies[].service_ref': 'service',
  'L5_application.services[].clients[].service_ref': 'service',
  'L5_application.services[].clients[].network_ref': 'network',
  'L5_application.services[].sync_with': 'service',
  'L5_application.services[].security.allowed_from[]': 'network',
  'L5_application.services[].ip_refs.*.lxc_ref': 'lxc',
  'L5_application.services[].ip_refs.*.host_os_ref': 'host_os',
  'L5_application.services[].ip_refs.*.network_ref': 'network',
  'L5_application.certificates.certificates[].service_ref': 'service',
  'L5_application.certificates.certificates[].used_by[].service_ref': 'service',
  'L5_application.certificates.additional[].service_ref': 'service',
  'L5_application.certificates.additional[].used_by[].service_ref': 'service',
  'L5_application.certificates.local_ca.storage.device_ref': 'device',
  'L5_application.certificates.local_ca.distribution[].device_ref': 'device',
  'L5_application.dns.zones[].nameserver_ref': 'service',
  'L5_application.dns.zones[].records[].device_ref': 'device',
  'L5_application.dns.zones[].records[].lxc_ref': 'lxc',
  'L5_application.dns.zones[].records[].service_ref': 'service',
  'L5_application.external_services[].device_ref': 'device',
  'L5_application.external_services[].docker_services[].depends_on[]': 'lxc',
  // L6
  'L6_observability.healthchecks[].device_ref': 'device',
  'L6_observability.healthchecks[].lxc_ref': 'lxc',
  'L6_observability.healthchecks[].service_ref': 'service',
  'L6_observability.healthchecks[].ups_ref': DEV_POWER,
  'L6_observability.healthchecks[].notification.channels[]': 'notification_channel',
  'L6_observability.network_monitoring[].device_ref': 'device',
  'L6_observability.network_monitoring[].notification.channels[]': 'notification_channel',
  'L6_observability.alerts[].channels[]': 'notification_channel',
  'L6_observability.alerts[].trigger.healthcheck_ref': ['healthcheck', 'network_monitor'],
  'L6_observability.alerts[].trigger.services[]': 'service',
  // L7
  'L7_operations.power_resilience.policies[].device_ref': DEV_POWER,
  'L7_operations.power_resilience.policies[].protected_devices[].device_ref': 'device',
  'L7_operations.power_resilience.policies[].connection.connected_to': 'device',
  'L7_operations.power_resilience.policies[].location': 'location',
  'L7_operations.backup.policies[].targets[].device_ref': 'device',
  'L7_operations.backup.policies[].targets[].lxc_ref': 'lxc',
  'L7_operations.backup.policies[].targets[].data_asset_ref': 'data_asset',
  'L7_operations.backup.policies[].storage_ref': STORAGE,
  'L7_operations.backup.policies[].storage_endpoint_ref': 'storage_endpoint',
  'L7_operations.backup.policies[].destination.storage_ref': STORAGE,
  'L7_operations.backup.policies[].destination.storage_endpoint_ref': 'storage_endpoint',
  'L7_operations.backup.policies[].security_policy_ref': 'security_policy',
  'L7_operations.backup.strategy.media[].device_ref': 'device',
  'L7_operations.security.ssh_keys[].authorized_for[].device_ref': 'device',
  'L7_operations.security.ssh_keys[].authorized_for[].lxc_ref': 'lxc',
};

/** The legacy (v4.0) fields, by data path, with the migration that removes them. */
const EXPECTED_DEPRECATIONS: Record<string, string> = {
  'L3_data.storage': 'storage-chain',
  'L3_data.data_assets[].storage_ref': 'storage-chain',
  'L3_data.data_assets[].path': 'storage-chain',
  'L3_data.data_assets[].type': 'data-asset-taxonomy',
  'L4_platform.lxc[].storage.rootfs.storage_ref': 'storage-chain',
  'L4_platform.vms[].storage.rootfs.storage_ref': 'storage-chain',
  'L4_platform.templates.lxc[].storage_ref': 'storage-chain',
  'L4_platform.templates.vms[].storage_ref': 'storage-chain',
  'L7_operations.backup.policies[].storage_ref': 'storage-chain',
  'L7_operations.backup.policies[].destination.storage_ref': 'storage-chain',
  'L4_platform.lxc[].type': 'platform-type',
  'L4_platform.lxc[].role': 'platform-type',
  'L4_platform.vms[].type': 'platform-type',
  'L4_platform.vms[].role': 'platform-type',
  'L4_platform.lxc[].resources': 'resource-profiles',
  'L4_platform.vms[].resources': 'resource-profiles',
  'L5_application.services[].lxc_ref': 'service-runtime',
  'L5_application.services[].vm_ref': 'service-runtime',
  'L5_application.services[].device_ref': 'service-runtime',
  'L5_application.services[].network_ref': 'service-runtime',
  'L5_application.services[].container': 'service-runtime',
  'L5_application.services[].container_image': 'service-runtime',
  'L5_application.services[].container_runtime': 'service-runtime',
  'L5_application.services[].native': 'service-runtime',
  'L5_application.services[].ip': 'external-services',
  'L5_application.external_services': 'external-services',
};

interface Keyworded {
  path: string;
  schema: Json;
  /** Properties of the object that holds the field (for ownedBy / kindFrom siblings). */
  siblings: Json;
}

/** Every schema reachable from the root, by data path (shared definitions appear at each use). */
function collectByDataPath(): Keyworded[] {
  const out: Keyworded[] = [];
  const visit = (n: Node, p: string, siblings: Json, depth: number): void => {
    assert.ok(depth < 40, `schema too deep (a cycle?) at ${p}`);
    for (const b of branches(n)) {
      out.push({ path: p, schema: b.schema, siblings });
      const props = b.schema.properties as Json | undefined;
      for (const [k, v] of Object.entries(props ?? {})) visit({ schema: v as Json, pointer: `${b.pointer}/properties/${esc(k)}` }, p ? `${p}.${k}` : k, props!, depth + 1);
      const ap = b.schema.additionalProperties;
      if (ap && typeof ap === 'object') visit({ schema: ap as Json, pointer: `${b.pointer}/additionalProperties` }, `${p}.*`, {}, depth + 1);
      const it = b.schema.items;
      if (it && typeof it === 'object' && !Array.isArray(it)) visit({ schema: it as Json, pointer: `${b.pointer}/items` }, `${p}[]`, siblings, depth + 1);
    }
  };
  visit({ schema: SCHEMA, pointer: '#' }, '', {}, 0);
  return out;
}

/** Every object schema in the file (including unreferenced definitions), with its pointer. */
function everySchema(): Node[] {
  const out: Node[] = [];
  const visit = (v: unknown, pointer: string): void => {
    if (Array.isArray(v)) for (const [i, x] of v.entries()) visit(x, `${pointer}/${i}`);
    else if (v && typeof v === 'object') {
      out.push({ schema: v as Json, pointer });
      for (const [k, x] of Object.entries(v as Json)) {
        if (k === 'enum' || k === 'examples' || k === 'x-ref' || k === 'required') continue;
        visit(x, `${pointer}/${esc(k)}`);
      }
    }
  };
  visit(SCHEMA, '#');
  return out;
}

function refKinds(xref: unknown): string[] {
  if (typeof xref === 'string') return [xref];
  if (Array.isArray(xref)) return xref.map(String);
  const r = xref as Json;
  if (r.kindFrom !== undefined) return Object.values(r.kinds as Record<string, string>);
  return Array.isArray(r.kind) ? r.kind.map(String) : [String(r.kind)];
}

/** Kinds and their collection paths, from the table of docs/schema-keywords.md. */
function documentedKinds(): Map<string, { paths: string[]; scope?: string }> {
  const kinds = new Map<string, { paths: string[]; scope?: string }>();
  const section = KEYWORDS_MD.split(/^## Kinds\s*$/m)[1];
  assert.ok(section, 'docs/schema-keywords.md has no "## Kinds" section');
  for (const line of section.split('\n')) {
    const m = /^\|\s*([a-z_0-9]+)\s*\|(.*)\|\s*$/.exec(line);
    if (!m || m[1] === 'kind') continue;
    const paths = [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!);
    const scope = /\(scope: ([a-z_]+)\)/.exec(m[2]!)?.[1];
    kinds.set(m[1]!, { paths, ...(scope ? { scope } : {}) });
  }
  return kinds;
}

// =============================================================================================

describe('topology schema', () => {
  describe('compiles', () => {
    it('is a draft-07 schema that Ajv compiles', () => {
      assert.strictEqual(SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
      const validate = newAjv().compile(SCHEMA);
      assert.strictEqual(typeof validate, 'function');
    });

    it('has a root object with exactly the eight layers', () => {
      assert.deepStrictEqual(Object.keys(SCHEMA.properties as Json), ['L0_meta', 'L1_foundation', 'L2_network', 'L3_data', 'L4_platform', 'L5_application', 'L6_observability', 'L7_operations']);
    });

    it('gives every definition a description, and every entity definition a title', () => {
      for (const [name, def] of Object.entries(SCHEMA.definitions as Record<string, Json>)) {
        assert.ok(typeof def.description === 'string' && def.description.length > 0, `definitions.${name} has no description`);
        if (def['x-kind']) assert.ok(typeof def.title === 'string' && def.title.length > 0, `definitions.${name} has no title`);
      }
    });

    it('describes every declared property', () => {
      const missing: string[] = [];
      for (const n of everySchema()) {
        for (const [k, v] of Object.entries((n.schema.properties as Json | undefined) ?? {})) {
          const s = v as Json;
          const desc = typeof s.description === 'string' ? s.description : typeof s.$ref === 'string' ? atPointer(s.$ref).description : undefined;
          if (typeof desc !== 'string' || !desc) missing.push(`${n.pointer}/properties/${k}`);
        }
      }
      assert.deepStrictEqual(missing, []);
    });

    it('requires only id on list entities, and the taxonomy fields on devices', () => {
      for (const n of everySchema()) {
        if (typeof n.schema['x-kind'] !== 'string') continue;
        const required = [...((n.schema.required as string[] | undefined) ?? []), ...((n.schema['x-required'] as string[] | undefined) ?? [])];
        const expected =
          n.schema['x-kind'] === 'device' ? ['id', 'name', 'type', 'role', 'class', 'substrate', 'access'] : ['trust_zone', 'network_profile'].includes(n.schema['x-kind']) ? [] : ['id'];
        assert.deepStrictEqual(required, expected, `${n.pointer} (${n.schema['x-kind']})`);
      }
      for (const n of everySchema()) {
        if (n.schema['x-kind'] === undefined && Array.isArray(n.schema.required) && n.pointer !== '#') {
          assert.fail(`${n.pointer} requires ${(n.schema.required as string[]).join(', ')}; only entities may require fields`);
        }
      }
    });
  });

  describe('declares every field real data uses (fields.md)', () => {
    assert.ok(FIELD_LISTS.collections.length > 100, 'fields.md: collection lines not found');
    for (const line of FIELD_LISTS.collections) {
      it(`${line.version}: ${line.path}`, () => {
        const collection = resolvePath(line.path);
        const missing: string[] = [];
        undeclared(entityOf(collection), line.fields, line.path, missing);
        assert.deepStrictEqual(missing, [], `undeclared fields:\n  ${missing.join('\n  ')}`);
      });
    }

    it('closes the objects the format closes in all three versions', () => {
      for (const p of [
        'L1_foundation.media_registry[]',
        'L1_foundation.media_attachments[]',
        'L1_foundation.devices[].specs.storage_slots[]',
        'L2_network.firewall_policies[]',
        'L2_network.trust_zones.*',
      ]) {
        assert.strictEqual(resolvePath(p).schema.additionalProperties, false, `${p} must not accept unknown fields`);
      }
    });

    it('keeps open-ended maps open', () => {
      for (const p of [
        'L4_platform._defaults',
        'L4_platform.lxc[].ansible.vars',
        'L5_application.services[].config',
        'L5_application.services[].config.docker',
        'L6_observability.dashboard',
        'L7_operations.workflows',
        'L0_meta.metadata',
        'L7_operations.ansible.host_vars',
      ]) {
        assert.notStrictEqual(resolvePath(p).schema.additionalProperties, false, `${p} must stay open`);
      }
    });

    it('accepts the refactored shapes', () => {
      for (const p of [
        'L4_platform.lxc[].resources_override',
        'L4_platform.lxc[].storage.volumes[].mount_path',
        'L4_platform.lxc[].storage.volumes[].mount_point',
        'L4_platform.lxc[].storage.volumes[].backup',
        'L3_data.partitions[].size_mb',
        'L3_data.partitions[].size_gb',
        'L3_data.partitions[].size',
        'L3_data.logical_volumes[].size',
        'L3_data.data_assets[].retention_days',
        'L3_data.data_assets[].encryption_at_rest',
        'L3_data.data_assets[].databases[].owner',
        'L3_data.data_assets[].storage_endpoint_ref',
        'L3_data.data_assets[].mount_point_ref',
        'L5_application.services[].runtime.lxc_ref',
        'L5_application.services[].runtime.vm_ref',
        'L5_application.services[].runtime.device_ref',
        'L5_application.services[].runtime.compose_file',
        'L3_data.storage_endpoints[].infer_from.vg_name',
        'L3_data.storage_endpoints[].infer_from.lv_name',
        'L4_platform.host_operating_systems[].capabilities',
        'L2_network.networks[].reserved_ranges[].start',
        'L4_platform.resource_profiles[].cpu.limit_percent',
        'L4_platform.resource_profiles[].storage.rootfs_gb',
        'L4_platform.resource_profiles[].tuning',
      ]) {
        assert.doesNotThrow(() => resolvePath(p), `${p} must be declared`);
      }
    });

    it('fails on a field the schema does not declare (self-check of the walker)', () => {
      const missing: string[] = [];
      undeclared(entityOf(resolvePath('L1_foundation.devices')), parseFields('id, specs {cpu {cores, not_a_field}}, nope?'), 'devices', missing);
      assert.deepStrictEqual(
        missing.map((m) => m.split(' ')[0]),
        ['devices.specs.cpu.not_a_field', 'devices.nope'],
      );
    });
  });

  describe('is never stricter than the format (format-schema.md)', () => {
    it("reads every line of the format's flattened schema", () => {
      assert.ok(FORMAT.lines.size > 600, `only ${FORMAT.lines.size} paths read`);
      assert.deepStrictEqual(accepts(FORMAT, 'L4_platform.host_operating_systems[].host_type', 2), { main: { types: ['string'], enum: ['baremetal', 'hypervisor', 'embedded'] }, branches: [] });
      // Absent in v4.0 under an open parent: any value is valid there.
      assert.strictEqual(accepts(FORMAT, 'L4_platform.host_operating_systems[].host_type', 0), 'any');
      // Not named under an object the format closes: nothing is valid there.
      assert.strictEqual(accepts(FORMAT, 'L1_foundation.media_registry[].rack_units', 1), 'none');
      assert.strictEqual(accepts(FORMAT, 'L6_observability.notification_channels[].priority', 2), 'any');
    });

    it('accepts every type, enumeration value and pattern of the three versions, and closes only what all three close', () => {
      const found = excess(FORMAT, SCHEMA).map((e) => `${e.path} ${e.keyword}: ${e.why} (${e.pointer})`);
      assert.deepStrictEqual([...new Set(found)], []);
    });

    it("widens a pattern only with a value the format's later versions accept", () => {
      for (const [p, w] of Object.entries(WIDER_PATTERNS)) {
        const format = accepts(FORMAT, p, 2);
        assert.ok(format !== 'any' && format !== 'none' && format.main.pattern, p);
        assert.ok(!new RegExp(format.main.pattern, 'u').test(w.accepts) && new RegExp(w.pattern, 'u').test(w.accepts), `${p}: ${w.accepts}`);
        assert.strictEqual(resolvePath(p).schema.pattern, w.pattern, p);
      }
    });

    it('fails on constraints the format does not make (self-check of the comparison)', () => {
      const at = (p: string, s: Json) => excessAt(FORMAT, p, '#', s).map((e) => e.keyword);
      assert.deepStrictEqual(at('L6_observability.notification_channels[].priority', { type: ['string', 'number'] }), ['type']);
      assert.deepStrictEqual(at('L4_platform.host_operating_systems[].host_type', { type: 'string', enum: ['baremetal', 'hypervisor'] }), ['type', 'enum']);
      assert.deepStrictEqual(at('L2_network.firewall_templates[]', { type: 'object', additionalProperties: false }), ['type', 'additionalProperties']);
      assert.deepStrictEqual(at('L6_observability.alerts[].id', { type: 'string', pattern: '^alert-[a-z]+$' }), ['pattern', 'pattern', 'pattern']);
      assert.deepStrictEqual(at('L1_foundation.devices[].interfaces[].speed_mbps', { type: 'string' }), ['type', 'type', 'type']);
      assert.deepStrictEqual(at('L1_foundation.media_registry[]', { type: 'object', additionalProperties: false, properties: { id: {} } }).length, 3 * 15);
      assert.deepStrictEqual(at('L2_network.bridges[].id', { type: 'string', pattern: '^bridge-[a-z0-9]+$', minLength: 2 }), ['minLength', 'minLength', 'minLength']);
      assert.deepStrictEqual(at('L1_foundation.devices[].id', { type: 'string', pattern: '^[a-z][a-z0-9-]*$', minLength: 2 }), []);
    });
  });

  describe('accepts every enumeration value on the field that uses it', () => {
    const ajv = newAjv();
    ajv.addSchema(SCHEMA, 'topology');

    it('maps every enumeration of fields.md to a field', () => {
      assert.deepStrictEqual([...FIELD_LISTS.enums.keys()].sort(), Object.keys(ENUM_FIELDS).sort());
    });

    for (const [name, values] of FIELD_LISTS.enums) {
      it(name, () => {
        const spec = ENUM_FIELDS[name];
        assert.ok(spec, `no field declared for enumeration ${name}`);
        for (const p of spec.paths) {
          const field = resolvePath(p);
          const validate = ajv.getSchema(`topology${field.pointer}`);
          assert.ok(validate, `cannot compile ${field.pointer}`);
          for (const value of values) {
            const mode = spec.mode ?? 'enum';
            if (mode === 'enum') {
              // `x-enum`: the values Strata knows where the format does not enumerate (completion, never validation).
              const listed = branches(field).some((b) => [b.schema.enum, b.schema['x-enum']].some((e) => Array.isArray(e) && (e as unknown[]).includes(value)));
              assert.ok(listed, `${p}: enum does not list '${value}'`);
            } else if (mode === 'example') {
              assert.ok(Array.isArray(field.schema.examples) && (field.schema.examples as unknown[]).includes(value), `${p}: examples do not show '${value}'`);
            }
            assert.ok(validate(value), `${p} rejects '${value}': ${JSON.stringify(validate.errors)}`);
          }
          if ((spec.mode ?? 'enum') === 'enum' && Array.isArray(field.schema.enum)) {
            assert.ok(!validate('not-a-listed-value'), `${p} accepts an unlisted value`);
          }
        }
      });
    }
  });

  describe('keywords', () => {
    const kinds = documentedKinds();
    const all = everySchema();

    it('declares exactly the kinds of docs/schema-keywords.md', () => {
      assert.ok(kinds.size >= 40, 'kinds table not found in docs/schema-keywords.md');
      const declared = new Set(all.map((n) => n.schema['x-kind']).filter((k): k is string => typeof k === 'string'));
      assert.deepStrictEqual([...declared].sort(), [...kinds.keys()].sort());
    });

    it('declares each kind at its documented collection paths', () => {
      for (const [kind, doc] of kinds) {
        assert.ok(doc.paths.length > 0, `${kind}: no path in the table`);
        for (const p of doc.paths) {
          const entity = p.endsWith('[]') ? resolvePath(p) : entityOf(resolvePath(p));
          assert.strictEqual(entity.schema['x-kind'], kind, `${p} is not declared as ${kind} (${entity.pointer})`);
          assert.strictEqual(entity.schema['x-scope'], doc.scope, `${p}: x-scope`);
        }
      }
    });

    it('names known kinds in every x-ref, with siblings and typed targets that exist', () => {
      const defsByKind = new Map<string, Json>();
      for (const n of all) if (typeof n.schema['x-kind'] === 'string') defsByKind.set(n.schema['x-kind'], n.schema);
      for (const k of collectByDataPath()) {
        const xref = k.schema['x-ref'];
        if (xref === undefined) continue;
        for (const kind of refKinds(xref)) assert.ok(kinds.has(kind), `${k.path}: x-ref names unknown kind '${kind}'`);
        if (typeof xref !== 'object' || Array.isArray(xref)) continue;
        const r = xref as Json;
        for (const sibling of [r.ownedBy, r.kindFrom]) {
          if (sibling !== undefined) assert.ok(Object.hasOwn(k.siblings, String(sibling)), `${k.path}: sibling '${String(sibling)}' is not declared`);
        }
        if (r.kindFrom !== undefined) {
          const selector = deref({ schema: k.siblings[String(r.kindFrom)] as Json, pointer: '' }).schema;
          assert.deepStrictEqual(
            Object.keys(r.kinds as Json).sort(),
            [...((selector.enum ?? selector['x-enum']) as string[])].sort(),
            `${k.path}: kindFrom must map every value of ${String(r.kindFrom)}`,
          );
        }
        for (const key of ['where', 'whereNot']) {
          const cond = r[key] as Record<string, string[]> | undefined;
          if (!cond) continue;
          const target = defsByKind.get(String(r.kind))!;
          for (const [field, values] of Object.entries(cond)) {
            const allowed = ((target.properties as Json)[field] as Json | undefined)?.enum as string[] | undefined;
            assert.ok(allowed, `${k.path}: ${key} names '${field}', which has no enumeration on ${String(r.kind)}`);
            for (const v of values) assert.ok(allowed.includes(v), `${k.path}: ${key}.${field} value '${v}' is not allowed`);
          }
        }
      }
    });

    it('puts x-ref on exactly the reference fields of the format', () => {
      const actual: Record<string, unknown> = {};
      for (const k of collectByDataPath()) if (k.schema['x-ref'] !== undefined) actual[k.path] = k.schema['x-ref'];
      const missing = Object.keys(EXPECTED_REFS).filter((p) => !(p in actual));
      const extra = Object.keys(actual).filter((p) => !(p in EXPECTED_REFS));
      assert.deepStrictEqual({ missing, extra }, { missing: [], extra: [] });
      for (const [p, target] of Object.entries(EXPECTED_REFS)) assert.deepStrictEqual(actual[p], target, `x-ref of ${p}`);
    });

    it('has an x-ref on every *_ref / *_refs field (external_ref is free text)', () => {
      for (const k of collectByDataPath()) {
        const field = k.path.replace(/\[\]$/, '').split('.').pop()!;
        // external_ref is free text; ip_refs is a map whose values hold refs.
        if (!/_refs?$/.test(field) || field === 'external_ref' || field === 'ip_refs') continue;
        const s = k.schema;
        const hasRef = s['x-ref'] !== undefined || (s.items as Json | undefined)?.['x-ref'] !== undefined;
        assert.ok(hasRef, `${k.path} looks like a reference but has no x-ref`);
      }
    });

    it('keeps notification channel words in backup and power policies plain', () => {
      for (const p of ['L7_operations.backup.policies[].notification.channels[]', 'L7_operations.power_resilience.policies[].notifications.channels[]']) {
        assert.strictEqual(resolvePath(p).schema['x-ref'], undefined, p);
      }
      const defaults = resolvePath('L4_platform._defaults');
      assert.deepStrictEqual(Object.keys((defaults.schema.properties as Json | undefined) ?? {}), [], '_defaults declares nothing');
    });

    it('names an exported migration in every x-migration, with deprecated: true', () => {
      const ids = Object.keys(MIGRATIONS);
      let count = 0;
      for (const n of all) {
        const migration = n.schema['x-migration'];
        if (n.schema.deprecated === true) assert.ok(typeof migration === 'string', `${n.pointer} is deprecated without x-migration`);
        if (migration === undefined) continue;
        count++;
        assert.ok(ids.includes(String(migration)), `${n.pointer}: unknown migration '${String(migration)}'`);
        assert.strictEqual(n.schema.deprecated, true, `${n.pointer}: x-migration without deprecated: true`);
      }
      assert.ok(count > 0);
    });

    it('deprecates exactly the legacy fields, each with its migration', () => {
      const actual: Record<string, string> = {};
      for (const k of collectByDataPath()) if (k.schema.deprecated === true) actual[k.path] = String(k.schema['x-migration']);
      assert.deepStrictEqual(actual, EXPECTED_DEPRECATIONS);
    });
  });

  describe('documents', () => {
    const validate = newAjv().compile(SCHEMA);
    const errorsOf = (doc: unknown): string[] => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message ?? ''} ${JSON.stringify(e.params)}`));

    it('validates a v4.0 topology without errors', () => {
      assert.deepStrictEqual(errorsOf(v40Document()), []);
    });

    it('validates a refactored (later) topology without errors', () => {
      assert.deepStrictEqual(errorsOf(laterDocument()), []);
    });

    it('reports an unknown field on an entity the format closes as additionalProperties', () => {
      const doc = v40Document() as { L1_foundation: { media_registry: Json[] } };
      doc.L1_foundation.media_registry[0]!.serial_numbr = 'X1';
      assert.ok(!validate(doc));
      const errs = validate.errors ?? [];
      assert.ok(
        errs.some((e) => e.keyword === 'additionalProperties' && e.instancePath === '/L1_foundation/media_registry/0' && (e.params as Json).additionalProperty === 'serial_numbr'),
        JSON.stringify(errs),
      );
    });

    it('reports an unknown field in a closed nested object, and accepts any key where the format leaves objects open', () => {
      const doc = laterDocument() as { L1_foundation: { devices: Json[] }; L4_platform: { lxc: Json[] }; L5_application: { services: Json[] } };
      (doc.L1_foundation.devices[1]!.specs as { storage_slots: Json[] }).storage_slots[0]!.speed = 6;
      (doc.L4_platform.lxc[0]!.storage as { rootfs: Json }).rootfs.storage_endpont_ref = 'se-lvm';
      (doc.L5_application.services[0]!.config as Json).any_app_key = { nested: [1, 2] };
      assert.deepStrictEqual(
        errorsOf(doc).map((e) => e.split(' ').slice(0, 2).join(' ')),
        ['/L1_foundation/devices/1/specs/storage_slots/0 additionalProperties'],
      );
    });

    it('reports an unknown enumeration value as an enum error', () => {
      const doc = v40Document() as { L1_foundation: { devices: Json[] } };
      doc.L1_foundation.devices[0]!.class = 'netwrok';
      assert.ok(!validate(doc));
      assert.ok((validate.errors ?? []).some((e) => e.keyword === 'enum' && e.instancePath === '/L1_foundation/devices/0/class'));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Sample documents
// ---------------------------------------------------------------------------------------------

function v40Document(): unknown {
  return {
    L0_meta: {
      version: '4.0.0',
      metadata: { org: 'home-lab', environment: 'production', created: '2025-10-06', changelog: [{ version: '4.0.0', date: '2026-02-17', changes: 'Layered' }] },
      defaults: { refs: { security_policy_ref: 'sec-baseline', network_manager_device_ref: 'mikrotik-chateau' } },
      security_policy: [
        {
          id: 'sec-baseline',
          description: 'Baseline security policy',
          password_policy: { min_length: 16, require_special_chars: true, require_numbers: true, require_uppercase: true, max_age_days: 90 },
          ssh_policy: { permit_root_login: 'prohibit-password', password_authentication: false, pubkey_authentication: true, port: 22, max_auth_tries: 3 },
          firewall_policy: { default_action: 'drop', log_blocked: true, rate_limiting: true },
        },
      ],
    },
    L1_foundation: {
      locations: [{ id: 'home', name: 'Home', type: 'home-office', description: 'Home office' }],
      devices: [
        {
          id: 'mikrotik-chateau',
          name: 'MikroTik Chateau',
          type: 'router',
          role: 'central-gateway',
          class: 'network',
          substrate: 'baremetal-owned',
          access: 'local-lan',
          location: 'home',
          description: 'Central router',
          specs: { cpu: { model: 'IPQ-6010', architecture: 'ARM64', cores: 4, speed_mhz: 1800 }, memory: { total_mb: 1024, type: 'DDR' } },
          interfaces: [
            { id: 'if-mikrotik-wan', name: 'ether1', type: 'ethernet', speed_mbps: 2500, role: 'wan', description: 'WAN' },
            { id: 'if-mikrotik-lan1', name: 'ether2', type: 'ethernet', speed_mbps: 1000, role: 'lan', description: 'LAN' },
          ],
          power: { input_voltage: '12-28V DC', max_watts: 21.5 },
          firmware: { os: 'RouterOS', version: 'v7', license_level: 4 },
        },
        {
          id: 'gamayun',
          name: 'Gamayun',
          type: 'hypervisor',
          role: 'compute',
          class: 'compute',
          substrate: 'baremetal-owned',
          access: 'local-lan',
          location: 'home',
          description: 'Proxmox host',
          specs: { storage_slots: [{ id: 'slot-sata-0', name: 'SATA 0', bus: 'sata', mount: 'replaceable', connector: 'SATA', description: 'System disk' }] },
          interfaces: [{ id: 'if-eth-builtin', name: 'eth-builtin', type: 'pci-ethernet', mac: 'auto-detect', physical_name: 'enp3s0', role: 'lan', description: 'LAN' }],
          firmware: { bios_version: 'A07', updated: '2020-03-15' },
        },
      ],
      media_registry: [{ id: 'disk-ssd-system', name: 'System SSD', type: 'ssd', form_factor: '2.5in', supported_buses: ['sata'], state: 'present', size_gb: 180, usage: 'system' }],
      media_attachments: [{ id: 'attach-gamayun-slot-sata-0', device_ref: 'gamayun', slot_ref: 'slot-sata-0', media_ref: 'disk-ssd-system', state: 'present', description: 'System disk' }],
      data_links: [
        {
          id: 'link-mikrotik-gamayun',
          endpoint_a: { device_ref: 'mikrotik-chateau', interface_ref: 'if-mikrotik-lan1' },
          endpoint_b: { device_ref: 'gamayun', interface_ref: 'if-eth-builtin' },
          medium: 'ethernet',
          speed_mbps: 1000,
          duplex: 'full',
          status: 'active',
          description: 'LAN',
        },
      ],
    },
    L2_network: {
      trust_zones: { servers: { name: 'Servers', security_level: 2, color: '#00cc00', description: 'Servers', allowed_outbound: ['to:untrusted'], allowed_inbound: ['from:management'] } },
      network_profiles: { 'prof-uplink': { name: 'Uplink', description: 'WAN', network_plane: 'underlay-uplink', segmentation_type: 'uplink', transport: ['ethernet'], volatility: 'medium' } },
      networks: [
        {
          id: 'net-servers',
          name: 'Servers',
          cidr: '10.0.30.0/24',
          gateway: '10.0.30.1',
          dns: ['192.168.88.1'],
          dhcp: false,
          trust_zone_ref: 'servers',
          bridge_ref: 'bridge-vmbr0',
          vlan: 30,
          description: 'Servers',
          profile_ref: 'prof-uplink',
          managed_by_ref: 'mikrotik-chateau',
          ip_allocations: [{ ip: '10.0.30.2', device_ref: 'gamayun', interface: 'vmbr0.30', description: 'Proxmox' }],
        },
        {
          id: 'net-wan',
          name: 'WAN',
          cidr: 'dhcp',
          gateway: null,
          dns: ['1.1.1.1'],
          dhcp: true,
          trust_zone_ref: 'servers',
          bridge_ref: null,
          vlan: null,
          description: 'ISP uplink',
          profile_ref: 'prof-uplink',
          managed_by_ref: 'mikrotik-chateau',
          interface_ref: 'if-mikrotik-wan',
          failover: { enabled: true, primary: 'net-servers', check_gateway: 'ping', failover_threshold: 3 },
        },
      ],
      bridges: [
        {
          id: 'bridge-vmbr0',
          device_ref: 'gamayun',
          name: 'vmbr0',
          comment: 'LAN trunk',
          ports: ['if-eth-builtin'],
          address: '192.168.88.2/24',
          gateway: '192.168.88.1',
          network_ref: 'net-servers',
          autostart: true,
          vlan_aware: true,
          bridge_stp: false,
          bridge_fd: 0,
        },
      ],
      firewall_policies: [
        {
          id: 'fw-established',
          name: 'Established',
          priority: 1,
          action: 'accept',
          chain: 'forward',
          connection_state: ['established', 'related'],
          description: 'x',
          security_policy_ref: 'sec-baseline',
        },
      ],
      qos: {
        enabled: true,
        device_ref: 'mikrotik-chateau',
        queues: [{ id: 'qos-voip', name: 'VoIP', priority: 1, guarantee_percent: 10, max_limit_percent: 30, protocols: ['sip'], ports: [5060, '10000-20000'], dscp_mark: 'ef', description: 'Voice' }],
      },
    },
    L3_data: {
      storage: [
        {
          id: 'storage-lvm',
          name: 'local-lvm',
          type: 'lvmthin',
          media: 'ssd',
          vgname: 'pve',
          thinpool: 'data',
          content: ['images', 'rootdir'],
          device_ref: 'gamayun',
          disk_ref: 'disk-ssd-system',
          os_device: '/dev/pve/data',
          shared: false,
          description: 'Thin pool',
        },
      ],
      data_assets: [{ id: 'data-postgresql-db', name: 'PostgreSQL Data', type: 'database', storage_ref: 'storage-lvm', device_ref: 'gamayun', path: '/var/lib/postgresql', description: 'DB' }],
    },
    L4_platform: {
      _defaults: { lxc_storage_rootfs: { storage_ref: 'storage-lvm', size_gb: 8 }, anything: [1, 2] },
      vms: [],
      lxc: [
        {
          id: 'lxc-postgresql',
          vmid: 200,
          name: 'postgresql-db',
          device_ref: 'gamayun',
          type: 'database',
          role: 'database-server',
          template_ref: 'tpl-lxc-postgresql',
          trust_zone_ref: 'servers',
          description: 'PostgreSQL',
          tags: ['database'],
          resources: { cores: 2, memory_mb: 1024, swap_mb: 1024 },
          boot: { onboot: true, startup_order: 10 },
          storage: { rootfs: { storage_ref: 'storage-lvm', size_gb: 8 } },
          networks: [{ interface: 'eth0', bridge_ref: 'bridge-vmbr0', network_ref: 'net-servers', gateway: '10.0.30.1', firewall: false, vlan_tag: 30, ip: '10.0.30.10/24' }],
          dns: { nameserver: '192.168.88.1', searchdomain: 'home.local' },
          os: { type: 'debian', version: '12' },
          cloudinit: { enabled: true, user: 'postgres', ssh_keys: ['ssh-ed25519 AAAA...'] },
          ansible: { enabled: true, playbook: 'postgresql.yml', vars: { postgresql_version: '16', postgresql_users: [{ name: 'app', password: '{{ vault_pw }}', database: 'homelab' }] } },
        },
      ],
      templates: {
        lxc: [{ id: 'tpl-lxc-postgresql', vmid: 900, name: 'template-postgresql', storage_ref: 'storage-lvm', source: 'proxmox-community-scripts', script: 'db-postgresql.sh', description: 'PG' }],
        vms: [{ id: 'tpl-vm-debian', vmid: 910, name: 'template-debian-vm', storage_ref: 'storage-lvm', source: 'cloud-init', image: 'debian-12.qcow2', description: 'Debian' }],
      },
    },
    L5_application: {
      certificates: {
        local_ca: { enabled: true, storage: { device_ref: 'gamayun', path: '/ssl/ca' }, distribution: [{ device_ref: 'gamayun' }] },
        certificates: [{ id: 'cert-proxmox', domain: 'proxmox.home.local', alt_names: ['10.0.99.2'], issuer: 'local_ca', validity_days: 365, auto_renew: true, service_ref: 'svc-proxmox-ui' }],
        additional: [{ id: 'cert-wildcard', name: 'Wildcard', type: 'self-signed', subject: '*.home.local', used_by: [{ service_ref: 'svc-proxmox-ui' }], auto_renew: true, renew_days_before: 30 }],
      },
      services: [
        {
          id: 'svc-proxmox-ui',
          name: 'Proxmox UI',
          type: 'web-ui',
          device_ref: 'gamayun',
          network_ref: 'net-servers',
          ip: '10.0.30.2',
          port: 8006,
          protocol: 'https',
          trust_zone_ref: 'servers',
          url: 'https://10.0.30.2:8006',
          description: 'UI',
          security_policy_ref: 'sec-baseline',
          security: { https_redirect: true, ssl_certificate: 'self-signed', allowed_from: ['net-servers'], rate_limit: { max_connections: 5, per_seconds: 60 } },
        },
        {
          id: 'svc-adguard',
          name: 'AdGuard',
          type: 'dns',
          device_ref: 'mikrotik-chateau',
          container: true,
          container_runtime: 'docker',
          container_image: 'adguard/adguardhome',
          network_ref: 'net-servers',
          ports: { dns: 53, web_ui: 3000 },
          protocol: 'http',
          trust_zone_ref: 'servers',
          description: 'DNS',
          critical: true,
          features: ['Ad blocking'],
          security_policy_ref: 'sec-baseline',
        },
        {
          id: 'svc-postgresql',
          name: 'PostgreSQL',
          type: 'database',
          lxc_ref: 'lxc-postgresql',
          network_ref: 'net-servers',
          ip: '10.0.30.10',
          port: 5432,
          protocol: 'tcp',
          trust_zone_ref: 'servers',
          description: 'DB',
          clients: [{ service_ref: 'svc-proxmox-ui' }],
          databases: [{ name: 'homelab', user: 'app' }],
          dependencies: [{ service_ref: 'svc-adguard' }],
          sync_with: 'svc-adguard',
          security_policy_ref: 'sec-baseline',
        },
      ],
      dns: {
        zones: [
          {
            id: 'zone-home-local',
            domain: 'home.local',
            nameserver_ref: 'svc-adguard',
            type: 'forward',
            description: 'Home',
            records: [
              { type: 'A', name: 'postgresql', ip: '10.0.30.10', lxc_ref: 'lxc-postgresql', ttl: 3600, description: 'DB' },
              { type: 'SRV', name: '_postgresql._tcp', target: 'postgresql.home.local', port: 5432, priority: 10, weight: 10, service_ref: 'svc-postgresql', ttl: 3600, description: 'SRV' },
            ],
          },
        ],
        forwarders: { fallback: ['1.1.1.1'] },
      },
      external_services: [
        {
          id: 'ext-orangepi5',
          device_ref: 'gamayun',
          description: 'Apps',
          ip: '10.0.30.50',
          docker_services: [{ name: 'nextcloud', image: 'nextcloud:28', ports: ['443:443'], volumes: ['/a:/b'], environment: { POSTGRES_HOST: '10.0.30.10' }, depends_on: ['lxc-postgresql'] }],
        },
      ],
    },
    L6_observability: {
      healthchecks: [
        {
          id: 'health-postgresql',
          name: 'PostgreSQL',
          description: 'DB health',
          lxc_ref: 'lxc-postgresql',
          service_ref: 'svc-postgresql',
          enabled: true,
          checks: [
            { type: 'port', port: 5432, protocol: 'tcp', ip: '10.0.30.10' },
            { type: 'query', query: 'SELECT 1', expected_result: '1', timeout: '5s' },
          ],
          interval: '30s',
          timeout: '10s',
          notification: { on_warning: true, on_critical: true, channels: ['channel-email'] },
        },
      ],
      network_monitoring: [
        {
          id: 'net-mon-internet',
          name: 'Internet',
          description: 'x',
          enabled: true,
          checks: [{ type: 'ping', targets: ['8.8.8.8'], packet_loss_threshold: 20 }],
          interval: '60s',
          notification: { on_warning: true, on_critical: true, channels: ['channel-email'] },
        },
      ],
      alerts: [
        {
          id: 'alert-internet-down',
          name: 'Internet down',
          description: 'x',
          trigger: { condition: 'down', duration: '5m', healthcheck_ref: 'net-mon-internet' },
          severity: 'critical',
          channels: ['channel-email'],
          escalation: { enabled: true, delay: '15m' },
        },
      ],
      notification_channels: [
        {
          id: 'channel-email',
          name: 'Email',
          type: 'email',
          enabled: true,
          config: { smtp_server: 'smtp.example.com', smtp_port: 587, smtp_password: '{{ vault_smtp }}' },
          rate_limit: { max_per_hour: 10 },
        },
      ],
      dashboard: { enabled: true, provider: 'grafana', views: [{ name: 'Overview', default: true, panels: ['system_status'] }] },
    },
    L7_operations: {
      workflows: { fresh_install: { name: 'Fresh install', steps: [{ step: 1, manual: true }] } },
      runbooks: [],
      power_resilience: {
        policies: [
          {
            id: 'policy-ups-main',
            name: 'UPS',
            type: 'ups-protection',
            device_ref: 'mikrotik-chateau',
            model: 'APC',
            ups_type: 'line-interactive',
            location: 'home',
            description: 'UPS',
            input_source: 'ac-mains',
            output_source: 'ups-output',
            connection: { type: 'usb', connected_to: 'gamayun', monitoring_software: 'nut', driver: 'usbhid-ups' },
            protected_devices: [{ device_ref: 'gamayun', power_watts: 50, priority: 4, description: 'Proxmox' }],
            actions: { on_battery: [{ action: 'notify', delay_seconds: 0, message: 'On battery' }], power_restored: [{ action: 'notify' }] },
            notifications: { channels: ['email', 'telegram'], events: ['on_battery'] },
          },
        ],
      },
      backup: {
        strategy: { rule: '3-2-1', media: [{ id: 'media-proxmox-hdd', type: 'hdd', device_ref: 'gamayun', path: '/mnt/hdd', role: 'local-backup' }] },
        policies: [
          {
            id: 'backup-daily-postgresql-lxc',
            name: 'Daily',
            description: 'Snapshot',
            targets: [{ lxc_ref: 'lxc-postgresql', data_asset_ref: 'data-postgresql-db' }],
            type: 'vzdump',
            schedule: '0 2 * * *',
            storage_ref: 'storage-lvm',
            mode: 'snapshot',
            compression: 'zstd',
            retention: { keep_last: 3, keep_daily: 7 },
            notification: { on_success: false, on_failure: true, channels: ['email'] },
            security_policy_ref: 'sec-baseline',
          },
          {
            id: 'backup-hourly-postgresql',
            name: 'Hourly',
            description: 'pg_dump',
            targets: [{ lxc_ref: 'lxc-postgresql', data_asset_ref: 'data-postgresql-db' }],
            type: 'pg_dump',
            schedule: '0 * * * *',
            databases: ['homelab'],
            destination: { storage_ref: 'storage-lvm', path: '/mnt/hdd/backups' },
            retention: { keep_last: 24 },
            notification: { on_success: false, on_failure: true, channels: ['email'] },
            security_policy_ref: 'sec-baseline',
          },
        ],
        verification: { enabled: true },
      },
      security: {
        ssh_keys: [
          {
            id: 'ssh-admin',
            name: 'Admin',
            type: 'ed25519',
            public_key: 'ssh-ed25519 AAAA',
            purpose: 'Admin',
            authorized_for: [{ device_ref: 'gamayun' }, { lxc_ref: 'lxc-postgresql' }],
            created: '2025-10-06',
            expires: null,
          },
        ],
      },
      ansible: { host_vars: { 'postgresql-db': { postgresql_version: '15' } } },
      notes: ['All IPs are referenced by ID'],
    },
  };
}

function laterDocument(): unknown {
  return {
    L0_meta: {
      version: '4.0.0',
      defaults: { refs: { security_policy_ref: 'sec-baseline', network_manager_device_ref: 'rtr-mikrotik' } },
      security_policy: [{ id: 'sec-baseline', description: 'Baseline' }],
    },
    L1_foundation: {
      locations: [{ id: 'home', name: 'Home', type: 'home-office', description: 'Home' }],
      devices: [
        {
          id: 'rtr-mikrotik',
          name: 'MikroTik',
          type: 'router',
          role: 'central-gateway',
          class: 'network',
          substrate: 'baremetal-owned',
          access: 'local-lan',
          location: 'home',
          description: 'Router',
          interfaces: [],
        },
        {
          id: 'srv-gamayun',
          name: 'Gamayun',
          type: 'hypervisor',
          role: 'compute',
          class: 'compute',
          substrate: 'baremetal-owned',
          access: 'local-lan',
          location: 'home',
          description: 'Proxmox',
          supported_operating_systems: ['Proxmox VE'],
          specs: { storage_slots: [{ id: 'slot-sata-0', name: 'SATA 0', bus: 'sata', mount: 'replaceable', connector: 'SATA', description: 'x' }] },
          power: { primary_source: 'ac-mains', backup_source: 'ups-output', upstream_power_ref: 'ups-main' },
        },
        {
          id: 'ups-main',
          name: 'UPS',
          type: 'ups',
          role: 'power-backup',
          class: 'power',
          substrate: 'baremetal-owned',
          access: 'local-lan',
          location: 'home',
          description: 'UPS',
          specs: { capacity_va: 650, capacity_watts: 390 },
        },
      ],
      media_registry: [{ id: 'disk-ssd-system', name: 'SSD', type: 'ssd', form_factor: '2.5in', supported_buses: ['sata'], state: 'present', size_gb: 180, usage: 'system', rotational: false }],
      media_attachments: [{ id: 'attach-srv-gamayun-slot-sata-0', device_ref: 'srv-gamayun', slot_ref: 'slot-sata-0', media_ref: 'disk-ssd-system', state: 'present', description: 'x' }],
      power_links: [
        {
          id: 'plink-grid-ups-main',
          endpoint_a: { external_ref: 'utility-grid' },
          endpoint_b: { device_ref: 'ups-main' },
          mode: 'ac',
          voltage_v: 230,
          max_watts: 390,
          status: 'active',
          description: 'Grid',
        },
      ],
    },
    L2_network: {
      trust_zones: {
        servers: { name: 'Servers', security_level: 2, color: '#00cc00', description: 'x', allowed_outbound: ['to:untrusted'], allowed_inbound: ['from:management'], vlan_ids: [30] },
        iot: {
          name: 'IoT',
          security_level: 1,
          color: '#ff6600',
          description: 'x',
          allowed_outbound: [],
          allowed_inbound: [],
          isolated: true,
          reserved: false,
          default_firewall_policy_ref: 'fw-iot-isolated',
        },
      },
      networks: [
        {
          id: 'net-servers',
          name: 'Servers',
          cidr: '10.0.30.0/24',
          gateway: '10.0.30.1',
          dns: ['10.0.30.1'],
          dhcp: false,
          trust_zone_ref: 'servers',
          bridge_ref: 'bridge-vmbr0',
          vlan: 30,
          description: 'x',
          managed_by_ref: 'rtr-mikrotik',
          mtu: 1500,
          jumbo_frames: false,
          ip_allocations: [{ ip: '10.0.30.2', host_os_ref: 'hos-srv-gamayun-proxmox', interface: 'vmbr0.30', description: 'x' }],
          reserved_ranges: [{ start: '10.0.30.1', end: '10.0.30.9', purpose: 'infrastructure' }],
        },
      ],
      bridges: [
        {
          id: 'bridge-vmbr0',
          device_ref: 'srv-gamayun',
          host_os_ref: 'hos-srv-gamayun-proxmox',
          name: 'vmbr0',
          comment: 'x',
          ports: [],
          address: '192.168.88.2/24',
          gateway: '192.168.88.1',
          network_ref: 'net-servers',
          autostart: true,
          vlan_aware: true,
          bridge_stp: false,
          bridge_fd: 0,
        },
      ],
      firewall_policies: [
        {
          id: 'fw-iot-isolated',
          name: 'IoT',
          priority: 300,
          source_zone_ref: 'iot',
          destination_zones_ref: ['servers'],
          action: 'drop',
          chain: 'forward',
          description: 'x',
          security_policy_ref: 'sec-baseline',
        },
      ],
    },
    L3_data: {
      partitions: [
        { id: 'part-srv-gamayun-ssd-1', media_attachment_ref: 'attach-srv-gamayun-slot-sata-0', number: 1, type: 'efi', size: 0.5, description: 'EFI' },
        { id: 'part-srv-gamayun-ssd-2', media_attachment_ref: 'attach-srv-gamayun-slot-sata-0', number: 2, type: 'swap', size_gb: 8 },
        { id: 'part-srv-gamayun-ssd-3', media_attachment_ref: 'attach-srv-gamayun-slot-sata-0', number: 3, type: 'lvm-pv', size: 'remaining', size_mb: 512, description: 'PV' },
      ],
      volume_groups: [{ id: 'vg-pve', name: 'pve', type: 'lvm', pv_refs: ['part-srv-gamayun-ssd-3'], description: 'x' }],
      logical_volumes: [
        { id: 'lv-pve-root', name: 'root', type: 'thick', vg_ref: 'vg-pve', size_gb: 20, description: 'x' },
        { id: 'lv-pve-data', name: 'data', type: 'thin-pool', vg_ref: 'vg-pve', size: 'remaining', description: 'x' },
      ],
      filesystems: [{ id: 'fs-pve-root', type: 'ext4', lv_ref: 'lv-pve-root', description: 'x' }],
      mount_points: [{ id: 'mnt-srv-gamayun-root', path: '/', filesystem_ref: 'fs-pve-root', device_ref: 'srv-gamayun', description: 'x' }],
      storage_endpoints: [
        { id: 'se-lvm', name: 'local-lvm', platform: 'proxmox', type: 'lvmthin', lv_ref: 'lv-pve-data', content: ['images', 'rootdir'], shared: false, description: 'x' },
        { id: 'se-local', name: 'local', platform: 'proxmox', type: 'dir', mount_point_ref: 'mnt-srv-gamayun-root', path: '/var/lib/vz', content: ['vztmpl', 'iso'], shared: false, description: 'x' },
        {
          id: 'se-hdd',
          name: 'local-hdd',
          platform: 'proxmox',
          type: 'dir',
          infer_from: { media_attachment_ref: 'attach-srv-gamayun-slot-sata-0', vg_name: 'pve', lv_name: 'data' },
          shared: false,
          description: 'x',
        },
      ],
      data_assets: [
        {
          id: 'data-postgresql-main',
          name: 'PostgreSQL',
          category: 'database',
          engine: 'postgresql',
          engine_version: '16',
          criticality: 'high',
          storage_endpoint_ref: 'se-lvm',
          databases: [{ name: 'nextcloud', owner: 'nextcloud', size_estimate_mb: 500 }],
          backup_policy_refs: ['backup-daily-postgresql-lxc'],
          retention_days: 90,
          encryption_at_rest: false,
          description: 'x',
          paths: { data: '/var/lib/postgresql', config: '/etc/postgresql' },
          note: 'x',
        },
        { id: 'data-jellyfin-config', name: 'Jellyfin', category: 'configuration', criticality: 'medium', mount_point_ref: 'mnt-srv-gamayun-root', backup_policy_refs: [] },
      ],
    },
    L4_platform: {
      _defaults: {},
      resource_profiles: [
        {
          id: 'profile-database',
          name: 'Database',
          description: 'x',
          cpu: { cores: 2, limit_percent: 100 },
          memory: { mb: 1024, swap_mb: 1024 },
          storage: { rootfs_gb: 8 },
          tuning: { vm_swappiness: 10, dirty_ratio: 40 },
        },
      ],
      host_operating_systems: [
        {
          id: 'hos-srv-gamayun-proxmox',
          device_ref: 'srv-gamayun',
          distribution: 'proxmox-ve',
          version: '9.x',
          architecture: 'x86_64',
          host_type: 'hypervisor',
          status: 'active',
          capabilities: ['lxc', 'vm', 'cloudinit'],
          description: 'x',
          installation: { root_storage_endpoint_ref: 'se-local' },
        },
      ],
      lxc: [
        {
          id: 'lxc-postgresql',
          vmid: 200,
          name: 'postgresql-db',
          device_ref: 'srv-gamayun',
          platform_type: 'lxc-unprivileged',
          resource_profile_ref: 'profile-database',
          resources_override: { memory_mb: 2048 },
          template_ref: 'tpl-lxc-postgresql',
          trust_zone_ref: 'servers',
          description: 'x',
          tags: ['database'],
          boot: { onboot: true, startup_order: 10 },
          storage: {
            rootfs: { storage_endpoint_ref: 'se-lvm', size_gb: 8 },
            volumes: [
              { id: 'vol-postgresql-data', mount_path: '/var/lib/postgresql/data', storage_endpoint_ref: 'se-lvm', size_gb: 20, data_asset_ref: 'data-postgresql-main' },
              { id: 'vol-pg-dumps', mount_point: '/var/backups', storage_endpoint_ref: 'se-hdd', size_gb: 50, data_asset_ref: 'data-postgresql-main', backup: true, description: 'x' },
            ],
          },
          networks: [{ interface: 'eth0', bridge_ref: 'bridge-vmbr0', network_ref: 'net-servers', gateway: '10.0.30.1', firewall: false, vlan_tag: 30, ip: '10.0.30.10/24' }],
          dns: { nameserver: '10.0.30.1', searchdomain: 'home.local' },
          os: { type: 'debian', version: '12' },
          cloudinit: { enabled: true, user: 'postgres' },
          ansible: { enabled: true, playbook: 'postgresql.yml' },
        },
      ],
      vms: [
        {
          id: 'vm-debian',
          vmid: 300,
          name: 'debian',
          device_ref: 'srv-gamayun',
          platform_type: 'vm-uefi',
          template_ref: 'tpl-vm-debian',
          networks: [{ interface: 'net0', bridge_ref: 'bridge-vmbr0', network_ref: 'net-servers', model: 'virtio', ip_config: { address: '10.0.30.30/24', gateway: '10.0.30.1' } }],
        },
      ],
      templates: {
        lxc: [
          {
            id: 'tpl-lxc-postgresql',
            vmid: 900,
            name: 'template-postgresql',
            storage_endpoint_ref: 'se-local',
            source: 'proxmox-community-scripts',
            architecture: 'amd64',
            description: 'x',
            script: 'db-postgresql.sh',
          },
        ],
        vms: [
          { id: 'tpl-vm-debian', vmid: 910, name: 'template-debian-vm', storage_endpoint_ref: 'se-local', source: 'cloud-init', image: 'debian-12.qcow2', architecture: 'amd64', description: 'x' },
        ],
      },
    },
    L5_application: {
      services: [
        {
          id: 'svc-postgresql',
          name: 'PostgreSQL',
          type: 'database',
          port: 5432,
          protocol: 'tcp',
          trust_zone_ref: 'servers',
          description: 'x',
          runtime: { type: 'lxc', target_ref: 'lxc-postgresql', network_binding_ref: 'net-servers' },
          data_asset_refs: ['data-postgresql-main'],
          security_policy_ref: 'sec-baseline',
          clients: [{ service_ref: 'svc-nextcloud' }, { network_ref: 'net-servers' }],
          config: {
            postgresql_version: '16',
            postgresql_users: [{ name: 'app', password: '{{ vault_pw }}', database: 'homelab' }],
            postgresql_pg_hba: [{ type: 'host', database: 'all', user: 'all', address: '10.0.30.0/24', method: 'scram-sha-256' }],
          },
          ip_refs: { self: { lxc_ref: 'lxc-postgresql', network_ref: 'net-servers' }, proxmox: { host_os_ref: 'hos-srv-gamayun-proxmox', network_ref: 'net-servers' } },
        },
        {
          id: 'svc-nextcloud',
          name: 'Nextcloud',
          type: 'web-application',
          ports: { https: 443, http: 80, custom_port: 8443 },
          protocol: 'https',
          trust_zone_ref: 'servers',
          description: 'x',
          dependencies: [{ service_ref: 'svc-postgresql' }],
          data_asset_refs: ['data-jellyfin-config'],
          security_policy_ref: 'sec-baseline',
          runtime: { type: 'docker', target_ref: 'srv-gamayun', network_binding_ref: 'net-servers', image: 'nextcloud:28', resources: { memory_mb: 128, memory_limit_mb: 256 } },
          config: { docker: { ports: ['443:443'], volumes: ['/a:/b'], environment: { POSTGRES_HOST: '10.0.30.10' }, depends_on: ['lxc-postgresql'], host_ip: '10.0.30.50' } },
          security: { https_redirect: true, ssl_certificate: 'cert-nextcloud', authentication: 'oidc', tls_enabled: true },
          url_derived: true,
          url_port: 443,
          storage: { type: 'nvme', paths: { config: '/c', cache: '/k', media: '/m' } },
        },
        {
          id: 'svc-wireguard',
          name: 'WireGuard',
          type: 'vpn',
          port: 51820,
          protocol: 'udp',
          trust_zone_ref: 'servers',
          vpn_type: 'wireguard',
          description: 'x',
          runtime: { type: 'native', device_ref: 'rtr-mikrotik' },
        },
      ],
      certificates: { certificates: [{ id: 'cert-nextcloud', domain: 'nextcloud.home.local', alt_names: [], issuer: 'local_ca', validity_days: 365, auto_renew: true, service_ref: 'svc-nextcloud' }] },
      dns: { zones: [{ id: 'zone-home-local', domain: 'home.local', nameserver_ref: 'svc-postgresql', type: 'forward', description: 'x', records: [] }] },
    },
    L6_observability: {
      healthchecks: [
        {
          id: 'health-ups',
          name: 'UPS',
          description: 'x',
          ups_ref: 'ups-main',
          enabled: true,
          checks: [{ type: 'ups_status', expected: ['OL', 'OB'], critical_states: ['LB'] }],
          interval: '30s',
          timeout: '5s',
          notification: { on_warning: true, on_critical: true, on_battery: true, channels: ['channel-email'] },
        },
      ],
      alerts: [
        {
          id: 'alert-ups',
          name: 'UPS',
          description: 'x',
          trigger: { condition: 'on_battery', healthcheck_ref: 'health-ups', services: ['svc-nextcloud'] },
          severity: 'warning',
          channels: ['channel-email'],
        },
      ],
      notification_channels: [
        { id: 'channel-email', name: 'Email', type: 'email', enabled: true, config: { to_addresses: ['a@b.c'] }, rate_limit: { max_per_hour: 10, cooldown_minutes: 5 }, priority: 1 },
      ],
    },
    L7_operations: {
      backup: {
        policies: [
          {
            id: 'backup-daily-postgresql-lxc',
            name: 'Daily',
            description: 'x',
            targets: [{ lxc_ref: 'lxc-postgresql', data_asset_ref: 'data-postgresql-main' }],
            type: 'vzdump',
            schedule: '0 2 * * *',
            storage_endpoint_ref: 'se-hdd',
            mode: 'snapshot',
            compression: 'zstd',
            retention: { keep_last: 3 },
            notification: { on_success: false, on_failure: true, channels: ['email'] },
            security_policy_ref: 'sec-baseline',
            encryption: { enabled: true, method: 'rclone-crypt', password_file: '/root/p' },
          },
        ],
      },
      security: {
        ssh_keys: [
          {
            id: 'ssh-backup',
            name: 'Backup',
            type: 'ed25519',
            public_key: 'ssh-ed25519 AAAA',
            purpose: 'x',
            authorized_for: [{ device_ref: 'srv-gamayun' }],
            created: '2025-10-10',
            expires: '2026-10-10',
            permissions: 'read-only',
          },
        ],
      },
    },
  };
}
