/**
 * Ansible inventory: inventory/hosts.yml (groups by platform, trust zone and tag),
 * group_vars/all.yml (networks, DNS) and host_vars/<host>.yml. Host vars come from the services'
 * `config` after the refactor and from L4 `ansible.vars` in v4.0 (and L7 `ansible.host_vars`), so a
 * migrated topology keeps its host_vars.
 */
import { deref, get, networkViews, servicesOn, str, toJS } from '../../server/src/core';
import { hashHeader } from '../emit/header';
import { fromPlain, LiteralText, yamlFile, type YamlValue } from '../emit/yaml';
import type { GeneratedFile, GeneratorContext, GeneratorModule } from '../types';
import { inventoryHosts, type InventoryHost } from './hosts';

const groupName = (prefix: string, s: string) => `${prefix}_${s.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`;

function hostsFile(ctx: GeneratorContext, hosts: InventoryHost[]): YamlValue {
  const children: Record<string, YamlValue> = {};
  for (const platform of ['lxc_containers', 'vms', 'physical', 'cloud_instances'] as const) {
    const members = hosts.filter((h) => h.platform === platform);
    if (!members.length) continue;
    const entries: Record<string, YamlValue> = {};
    for (const h of members) entries[h.name] = { ansible_host: h.address, ansible_user: h.user, strata_id: h.entity.id };
    children[platform] = { hosts: entries };
  }
  for (const zone of [...new Set(hosts.map((h) => h.zone).filter((z): z is string => !!z))].sort()) {
    const z = ctx.index.first('trust_zone', zone);
    const level = z ? toJS(get(z.node, 'security_level')) : undefined;
    const entries: Record<string, YamlValue> = {};
    for (const h of hosts.filter((x) => x.zone === zone)) entries[h.name] = null;
    children[groupName('zone', zone)] = { vars: { trust_zone: zone, security_level: typeof level === 'number' ? level : undefined }, hosts: entries };
  }
  for (const tag of [...new Set(hosts.flatMap((h) => h.tags))].sort()) {
    const entries: Record<string, YamlValue> = {};
    for (const h of hosts.filter((x) => x.tags.includes(tag))) entries[h.name] = null;
    children[groupName('tag', tag)] = { hosts: entries };
  }
  return { all: { children } };
}

function groupVars(ctx: GeneratorContext): YamlValue {
  const networks: Record<string, YamlValue> = {};
  const dns = new Set<string>();
  for (const n of networkViews(ctx.model).sort((a, b) => (a.id < b.id ? -1 : 1))) {
    networks[n.id] = { name: n.name, cidr: n.cidr, gateway: n.gateway, vlan: n.vlan, trust_zone: n.trustZone, description: n.description ? new LiteralText(n.description) : undefined };
    for (const d of n.dns) dns.add(d);
  }
  const domains = ctx.index
    .ofKind('dns_zone')
    .flatMap((z) => (str(get(z.node, 'domain')) ? [str(get(z.node, 'domain'))!] : []))
    .sort();
  return { strata_networks: networks, strata_dns_servers: [...dns].sort(), strata_search_domains: domains };
}

/** host_vars of one host: legacy ansible.vars, then each service's config (minus `docker`), then L7 host_vars. */
function hostVars(ctx: GeneratorContext, h: InventoryHost): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const merge = (vars: unknown, from: string) => {
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) return;
    for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
      if (k in out && JSON.stringify(out[k]) !== JSON.stringify(v)) {
        ctx.report('generator-conflict', 'warning', `host_vars of '${h.name}': '${k}' is set twice with different values; ${from} wins.`, h.entity);
      }
      out[k] = v;
    }
  };
  merge(toJS(get(get(h.entity.node, 'ansible'), 'vars')), `${h.entity.id} ansible.vars`);
  for (const s of [...servicesOn(h.entity, ctx.index)].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const config = toJS(get(s.node, 'config'));
    if (config && typeof config === 'object' && !Array.isArray(config)) {
      const { docker: _docker, ...rest } = config as Record<string, unknown>;
      merge(rest, `${s.id} config`);
    }
  }
  merge(toJS(get(get(get(get(ctx.model.assembly.root, 'L7_operations'), 'ansible'), 'host_vars'), h.name)), 'L7 ansible.host_vars');
  return out;
}

/** L7 `ansible.host_vars` are keyed by host name: vars under a name no host has would be lost silently. */
function unmatchedHostVars(ctx: GeneratorContext, hosts: InventoryHost[]): void {
  const names = new Set(hosts.map((h) => h.name));
  const map = get(get(get(ctx.model.assembly.root, 'L7_operations'), 'ansible'), 'host_vars');
  const d = deref(map);
  if (d?.kind !== 'map') return;
  for (const e of d.entries) {
    if (!names.has(e.key))
      ctx.report(
        'generator-missing-value',
        'warning',
        `L7 ansible.host_vars has '${e.key}', which is the name of no host in the inventory; its vars are not written. Host names are the LXC/VM name or the device id.`,
        e.value,
      );
  }
}

export const ansible: GeneratorModule = {
  options: {},
  generate(ctx) {
    const header = hashHeader(ctx.provenance);
    const hosts = inventoryHosts(ctx);
    const files: GeneratedFile[] = [
      { path: 'inventory/hosts.yml', content: yamlFile(header, hostsFile(ctx, hosts)) },
      { path: 'inventory/group_vars/all.yml', content: yamlFile(header, groupVars(ctx)) },
    ];
    for (const h of hosts) {
      const vars = hostVars(ctx, h);
      if (Object.keys(vars).length) files.push({ path: `inventory/host_vars/${h.name}.yml`, content: yamlFile(header, fromPlain(vars)) });
    }
    unmatchedHostVars(ctx, hosts);
    return files;
  },
};
