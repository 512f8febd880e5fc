/**
 * The dual-stack lab (test-fixtures/lab-dual-stack): every registered generator writes the IPv6
 * addresses the topology gives each where that family belongs (an `ipv6` block, an AAAA record, an
 * inventory host, the IP allocation page), drops none of them, and every file still parses with
 * the tool that reads it.
 */
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { GENERATORS } from '../../../generators/registry';
import { nics } from '../../../server/src/core/model/canonical';
import { addressModel, formatIp, parseIp, parseIpWithPrefix, type Family } from '../../../server/src/core/model/addresses';
import { inventoryList, requireAnsible } from '../../helpers/ansible';
import { content, generate } from '../../helpers/generate';
import { block, parseHcl, resource, type HclJson } from '../../helpers/hcl';
import { checkMarkdown, checkMermaid, mermaidBlocks } from '../../helpers/mermaid-check';

const SAMPLE = 'lab-dual-stack';

const family = (text: string): Family | undefined => {
  const p = parseIpWithPrefix(text);
  return p.ok ? p.value.ip.family : undefined;
};

/** The `ip_config` blocks of a guest's `initialization`, as [block name, address, gateway]. */
function ipConfigs(body: Record<string, unknown>): [string, unknown, unknown][] {
  return block(body, 'initialization').flatMap((init) =>
    block(init, 'ip_config').flatMap((c) => ['ipv4', 'ipv6'].flatMap((name) => block(c, name).map((b): [string, unknown, unknown] => [name, b.address, b.gateway]))),
  );
}

describe('generators: a dual-stack topology', () => {
  let run: Awaited<ReturnType<typeof generate>>;
  const hcl = new Map<string, HclJson>();
  before(async () => {
    run = await generate(SAMPLE);
    for (const f of run.files.values()) if (f.path.endsWith('.tf')) hcl.set(f.path, await parseHcl(f.path, f.content));
  });

  it('runs every registered generator, each with files and no warning', () => {
    assert.deepEqual(run.plan.runs.map((r) => r.generator).sort(), GENERATORS.map((g) => g.name).sort());
    for (const r of run.plan.runs) assert.ok(r.files.length > 0, `${r.generator} wrote nothing`);
    assert.deepEqual(
      run.plan.runs
        .flatMap((r) => r.diagnostics)
        .filter((d) => d.severity !== 'info')
        .map((d) => d.message),
      [],
    );
  });

  it('every Terraform file parses as HCL, every YAML file as YAML, the Markdown and its Mermaid are well formed', () => {
    const kinds = new Set<string>();
    for (const f of run.files.values()) {
      if (f.path.endsWith('.tf')) kinds.add('hcl') && assert.ok(hcl.has(f.path), f.path);
      else if (f.path.endsWith('.yml')) kinds.add('yaml') && assert.doesNotThrow(() => parseYaml(f.content), f.path);
      else if (f.path.endsWith('.md')) {
        kinds.add('md');
        assert.deepEqual(checkMarkdown(f.content), [], f.path);
        for (const b of mermaidBlocks(f.content)) assert.deepEqual(checkMermaid(b), [], f.path);
      }
    }
    assert.deepEqual([...kinds].sort(), ['hcl', 'md', 'yaml']);
  });

  it('Proxmox: each guest NIC gets the ip_config block of its address family, with its prefix and gateway', () => {
    const lxc = hcl.get('terraform/proxmox/lxc.tf')!;
    const vms = hcl.get('terraform/proxmox/vms.tf')!;
    assert.deepEqual(ipConfigs(resource(lxc, 'proxmox_virtual_environment_container', 'lxc_unbound')), [['ipv6', '2001:db8:30::53/64', '2001:db8:30::1']]);
    assert.deepEqual(ipConfigs(resource(lxc, 'proxmox_virtual_environment_container', 'lxc_nginx')), [
      ['ipv4', '10.30.0.80/24', '10.30.0.1'],
      ['ipv6', '2001:db8:30::80/64', '2001:db8:30::1'],
    ]);
    assert.deepEqual(ipConfigs(resource(vms, 'proxmox_virtual_environment_vm', 'vm_mail')), [
      ['ipv4', '10.30.0.25/24', '10.30.0.1'],
      ['ipv6', '2001:db8:30::25/64', '2001:db8:30::1'],
    ]);
  });

  it('Proxmox: the IPv4 output lists IPv4 addresses only, the IPv6 output each guest with one', () => {
    const outputs = hcl.get('terraform/proxmox/outputs.tf')!.output as Record<string, { value: Record<string, string> }[]>;
    assert.deepEqual(outputs.guest_ipv4_addresses?.[0]?.value, { lxc_nginx: '10.30.0.80', vm_mail: '10.30.0.25' });
    assert.deepEqual(outputs.guest_ipv6_addresses?.[0]?.value, { lxc_nginx: '2001:db8:30::80', lxc_unbound: '2001:db8:30::53', vm_mail: '2001:db8:30::25' });
  });

  it('MikroTik: an A record gets the IPv4 address of what it names, an AAAA record the IPv6 one', () => {
    const records = Object.values(hcl.get('terraform/mikrotik/dns.tf')!.resource?.routeros_ip_dns_record ?? {}).map((r) => r[0] as { name: string; type: string; address: string });
    const byName = records.map((r) => `${r.type} ${r.name} ${r.address}`).sort();
    assert.deepEqual(byName, [
      'A heron.heron.lan 10.99.0.2',
      'A www.heron.lan 10.30.0.80',
      'AAAA mail.heron.lan 2001:db8:30::25',
      'AAAA rpi5.heron.lan 2001:db8:30::5',
      'AAAA unbound.heron.lan 2001:db8:30::53',
      'AAAA www.heron.lan 2001:db8:30::80',
    ]);
    for (const r of records) assert.equal(family(r.address), r.type === 'A' ? 4 : 6, `${r.type} ${r.name}`);
  });

  it('Ansible: a host reached over IPv6 only has its IPv6 address as ansible_host', () => {
    const hosts = parseYaml(content(run.files, 'ansible/inventory/hosts.yml')).all.children;
    assert.equal(hosts.lxc_containers.hosts.unbound.ansible_host, '2001:db8:30::53');
    assert.equal(hosts.lxc_containers.hosts.nginx.ansible_host, '10.30.0.80');
    assert.equal(hosts.vms.hosts.mail.ansible_host, '10.30.0.25');
    assert.equal(hosts.physical.hosts.rpi5.ansible_host, '10.30.0.5');
  });

  it('Ansible: ansible-inventory loads the inventory with those addresses', function () {
    requireAnsible(this);
    const inv = inventoryList(run.files);
    assert.equal(inv._meta.hostvars.unbound.ansible_host, '2001:db8:30::53');
    assert.equal(inv._meta.hostvars.nginx.ansible_host, '10.30.0.80');
    assert.deepEqual([...inv.lxc_containers.hosts].sort(), ['nginx', 'unbound']);
  });

  it('docs: the IP allocation page lists every IPv6 address held in a network, with its holder; services show their resolved IPv6 address', () => {
    const page = content(run.files, 'docs/ip-allocation.md');
    const v6 = addressModel(run.model).holders.filter((h) => h.ip.family === 6 && h.networkId !== undefined);
    assert.equal(v6.length, 4, 'the lab holds four IPv6 addresses in its networks');
    for (const h of v6) {
      const holder = h.kind === 'allocation' ? h.principal!.id : h.owner.id;
      assert.match(page, new RegExp(`\\| \`${h.address.replace(/[.]/g, '\\.')}\` \\| \`${holder}\` \\|`), `${h.address} of ${holder}`);
    }
    assert.match(content(run.files, 'docs/services.md'), /\| `svc-unbound` \| Unbound \| .* \| 2001:db8:30::53 \(net-servers\) \|/);
  });

  it('no file carries an IPv6 address the topology does not hold, and none is written in another form', () => {
    const written = [...run.model.index.ofKind('lxc'), ...run.model.index.ofKind('vm')].flatMap((g) => nics(g).flatMap((n) => (n.gateway ? [n.gateway] : [])));
    const held = new Set([...addressModel(run.model).holders.map((h) => formatIp(h.ip)), ...written]);
    const candidates = /(?<![\w:.])(?:[0-9a-f]{1,4}:){2,}[0-9a-f:]*(?![\w:])/gi;
    for (const f of run.files.values()) {
      if (f.path.endsWith('.json')) continue;
      for (const [text] of f.content.matchAll(candidates)) {
        const p = parseIp(text);
        if (!p.ok || p.value.family !== 6) continue;
        assert.ok(held.has(text), `${f.path}: ${text} is not an address of the topology as written`);
      }
    }
  });
});
