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

/** Whole documents of the format at v4.0 and at its later point, as data (test/fixtures/schema/). */
function v40Document(): unknown {
  return readDocument('v4.0-document.json');
}

function laterDocument(): unknown {
  return readDocument('later-document.json');
}

function readDocument(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../../../test/fixtures/schema', name), 'utf8'));
}
