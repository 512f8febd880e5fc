import * as assert from 'node:assert/strict';
import { block, literal, parseHcl, resource, type HclJson } from '../../helpers/hcl';
import { content, generate } from '../../helpers/generate';
import { lxcWithDescription, withRouterContainer } from '../../helpers/topologies';

async function tf(sample: string, folder: string): Promise<Record<string, HclJson>> {
  const { files } = await generate(sample);
  const out: Record<string, HclJson> = {};
  for (const f of files.values()) if (f.path.startsWith(`${folder}/`) && f.path.endsWith('.tf')) out[f.path.slice(folder.length + 1)] = await parseHcl(f.path, f.content);
  return out;
}

describe('generators: Terraform for Proxmox (bpg/proxmox)', () => {
  it('every .tf file parses with HashiCorp HCL, with the provider and its version constraint', async () => {
    const docs = await tf('sample-refactored', 'terraform/proxmox');
    assert.deepEqual(Object.keys(docs).sort(), ['bridges.tf', 'lxc.tf', 'outputs.tf', 'provider.tf', 'variables.tf', 'versions.tf', 'vms.tf']);
    const required = (docs['versions.tf']!.terraform as Record<string, unknown>[])[0]!.required_providers as Record<string, Record<string, string>>[];
    assert.deepEqual(required[0]!.proxmox, { source: 'bpg/proxmox', version: '~> 0.85' });
    assert.equal((docs['provider.tf']!.provider as Record<string, Record<string, unknown>[]>).proxmox![0]!.endpoint, '${var.proxmox_endpoint}');
  });

  it('lxc.tf: node, resources from the profile with its override, datastore names, volumes, network, initialization, template', async () => {
    const lxc = (await tf('sample-refactored', 'terraform/proxmox'))['lxc.tf']!;
    const redis = resource(lxc, 'proxmox_virtual_environment_container', 'lxc_redis');
    assert.equal(redis.node_name, 'gamayun');
    assert.equal(redis.vm_id, 201);
    assert.deepEqual(block(redis, 'cpu'), [{ cores: 1 }], 'profile-small');
    assert.deepEqual(block(redis, 'memory'), [{ dedicated: 768, swap: 512 }], 'profile-small memory overridden to 768');
    assert.deepEqual(block(redis, 'disk'), [{ datastore_id: 'local-lvm', size: 4 }], 'se-lvm -> its name local-lvm');
    assert.deepEqual(block(redis, 'mount_point'), [{ volume: 'local-lvm', size: '2G', path: '/var/lib/redis', backup: true }]);
    assert.deepEqual(block(redis, 'network_interface'), [{ name: 'eth0', bridge: 'vmbr0', firewall: true, vlan_id: 30 }]);
    const init = block(redis, 'initialization')[0]!;
    assert.equal(init.hostname, 'redis');
    assert.deepEqual(block(init, 'ip_config'), [{ ipv4: [{ address: '10.0.30.20/24', gateway: '10.0.30.1' }] }]);
    assert.deepEqual(block(init, 'dns'), [{ domain: 'home.lab', servers: ['10.0.30.1'] }]);
    assert.deepEqual(block(redis, 'operating_system'), [{ template_file_id: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', type: 'debian' }]);
    assert.deepEqual(block(redis, 'features'), [{ nesting: false }]);
    assert.deepEqual(block(redis, 'startup'), [{ order: 2 }]);
    assert.equal(redis.unprivileged, true);
  });

  it('bridges.tf maps port interface ids to physical names; vms.tf has firmware, EFI disk and NIC', async () => {
    const docs = await tf('sample-v4', 'terraform/proxmox');
    const br = resource(docs['bridges.tf']!, 'proxmox_virtual_environment_network_linux_bridge', 'bridge_vmbr0');
    assert.deepEqual(br.ports, ['eno1']);
    assert.equal(br.vlan_aware, true);
    assert.equal(br.address, '10.0.99.10/24');
    const vm = resource(docs['vms.tf']!, 'proxmox_virtual_environment_vm', 'vm_homeassistant');
    assert.equal(vm.bios, 'ovmf');
    assert.deepEqual(block(vm, 'efi_disk'), [{ datastore_id: 'local-lvm', type: '4m' }]);
    assert.deepEqual(block(vm, 'network_device'), [{ bridge: 'vmbr0', model: 'virtio', vlan_id: 40, firewall: true }]);
  });

  it('provider version, node names and the endpoint variable come from .strata.yaml', async () => {
    const { files } = await generate('sample-v4', {
      generatorOptions: { 'terraform-proxmox': { provider_version: '~> 0.90', node_names: { gamayun: 'pve1' }, endpoint_variable: 'pve_url' } },
    });
    assert.match(content(files, 'terraform/proxmox/versions.tf'), /version = "~> 0\.90"/);
    assert.match(content(files, 'terraform/proxmox/lxc.tf'), /node_name\s+= "pve1"/);
    assert.match(content(files, 'terraform/proxmox/provider.tf'), /var\.pve_url/);
    assert.match(content(files, 'terraform/proxmox/variables.tf'), /variable "pve_url"/);
    assert.match(content(files, 'terraform/proxmox/terraform.tfvars.example'), /pve_url = "https:\/\/10\.0\.99\.10:8006\/"/);
  });
});

describe('generators: Terraform for MikroTik (terraform-routeros/routeros)', () => {
  it('every .tf file parses; the router is the managing device, not a constant', async () => {
    const docs = await tf('sample-v4', 'terraform/mikrotik');
    assert.deepEqual(Object.keys(docs).sort(), [
      'addresses.tf',
      'containers.tf',
      'dhcp.tf',
      'dns.tf',
      'firewall.tf',
      'interfaces.tf',
      'outputs.tf',
      'provider.tf',
      'qos.tf',
      'routes.tf',
      'variables.tf',
      'versions.tf',
      'vpn.tf',
    ]);
    assert.equal(resource(docs['interfaces.tf']!, 'routeros_system_identity', 'identity').name, 'mikrotik-chateau');
  });

  it('interfaces: trunk and access ports derived from data links, VLAN interfaces and bridge VLANs', async () => {
    const i = (await tf('sample-v4', 'terraform/mikrotik'))['interfaces.tf']!;
    assert.equal(resource(i, 'routeros_interface_bridge_port', 'port_ether3').pvid, 30, 'ether3 links to orangepi5, which lives in VLAN 30');
    const servers = resource(i, 'routeros_interface_bridge_vlan', 'vlan_net_servers');
    assert.deepEqual(servers.vlan_ids, ['30']);
    assert.deepEqual(servers.tagged, ['bridge', 'ether2'], 'ether2 trunks to gamayun, whose vmbr0 carries VLAN 30');
    assert.deepEqual(servers.untagged, ['ether3']);
    assert.deepEqual(resource(i, 'routeros_interface_bridge_vlan', 'vlan_net_users').tagged, ['bridge'], 'VLAN 10 does not reach gamayun');
    assert.equal(resource(i, 'routeros_interface_vlan', 'vlan_net_iot').vlan_id, 40);
  });

  it('addresses, DHCP and DNS', async () => {
    const d = await tf('sample-v4', 'terraform/mikrotik');
    assert.deepEqual(resource(d['addresses.tf']!, 'routeros_ip_address', 'net_vpn'), { address: '10.0.200.1/24', interface: 'wg-cloud', comment: 'net-vpn: WireGuard' });
    assert.equal(resource(d['addresses.tf']!, 'routeros_ip_dhcp_client', 'net_wan').interface, 'ether1');
    assert.deepEqual(resource(d['dhcp.tf']!, 'routeros_ip_pool', 'net_users').ranges, ['10.0.10.100-10.0.10.199']);
    assert.equal(resource(d['dhcp.tf']!, 'routeros_ip_dhcp_server', 'net_users').address_pool, '${routeros_ip_pool.net_users.name}');
    assert.deepEqual(resource(d['dhcp.tf']!, 'routeros_ip_dhcp_server_network', 'net_guest').dns_server, ['1.1.1.1', '9.9.9.9']);
    assert.equal(resource(d['dns.tf']!, 'routeros_ip_dns', 'dns').allow_remote_requests, true);
    assert.equal(resource(d['dns.tf']!, 'routeros_ip_dns_record', 'a_postgres_home_lab').address, '10.0.30.10');
    assert.equal(resource(d['dns.tf']!, 'routeros_ip_dns_record', 'cname_cloud_home_lab').cname, 'opi5.home.lab');
    const srv = resource(d['dns.tf']!, 'routeros_ip_dns_record', 'srv_caldavs_tcp_home_lab');
    assert.deepEqual([srv.type, srv.srv_target, srv.srv_port], ['SRV', 'opi5.home.lab', '443']);
  });

  it('firewall: address lists from CIDRs; every protocol and every destination zone of a policy', async () => {
    const fw = (await tf('sample-v4', 'terraform/mikrotik'))['firewall.tf']!;
    const lists = fw.resource!.routeros_ip_firewall_addr_list!;
    assert.deepEqual(
      Object.values(lists)
        .map((l) => [l[0]!.list, l[0]!.address])
        .filter(([l]) => l === 'zone-management'),
      [
        ['zone-management', '10.0.99.0/24'],
        ['zone-management', '10.0.200.0/24'],
      ],
    );
    const rules = fw.resource!.routeros_ip_firewall_filter!;
    const guest = Object.keys(rules).filter((n) => n.startsWith('fw_guest_isolation'));
    assert.deepEqual(guest.sort(), ['fw_guest_isolation_iot', 'fw_guest_isolation_management', 'fw_guest_isolation_servers', 'fw_guest_isolation_user'], 'destination_zones_ref: one rule per zone');
    assert.equal(rules.fw_guest_isolation_iot![0]!.dst_address_list, 'zone-iot');
    assert.equal(rules.fw_guest_isolation_iot![0]!.protocol, undefined, 'protocol any');
    const iot = Object.keys(rules).filter((n) => n.startsWith('fw_iot_isolation'));
    assert.equal(iot.length, 6, '3 protocols x 2 destination zones');
    const dns = Object.keys(rules).filter((n) => n.startsWith('fw_users_dns'));
    assert.deepEqual(
      dns.map((n) => [rules[n]![0]!.protocol, rules[n]![0]!.dst_port]).sort(),
      [
        ['tcp', '53'],
        ['udp', '53'],
      ],
      'both protocols, not only the first',
    );
    assert.equal(rules.fw_wan_wireguard_in_udp![0]!.in_interface_list, 'zone-untrusted', 'an uplink zone without CIDR matches by interface list');
    assert.deepEqual(rules.fw_drop_invalid![0]!.depends_on, ['${routeros_ip_firewall_filter.fw_established}'], 'priority order kept');
  });

  it('QoS, WireGuard and containers', async () => {
    const d = await tf('sample-v4', 'terraform/mikrotik');
    const tree = resource(d['qos.tf']!, 'routeros_queue_tree', 'qos_realtime');
    assert.deepEqual([tree.max_limit, tree.limit_at], ['500M', '200M'], '50%/20% of the 1000 Mbit/s uplink');
    assert.equal(resource(d['qos.tf']!, 'routeros_queue_simple', 'limit_net_guest').max_limit, '10M/50M');
    assert.equal(resource(d['vpn.tf']!, 'routeros_interface_wireguard', 'net_vpn').listen_port, 51820);
    assert.deepEqual(resource(d['vpn.tf']!, 'routeros_interface_wireguard_peer', 'net_vpn_oracle_arm_vps').allowed_address, ['10.0.200.2/32']);
    assert.equal(d['containers.tf']!.resource, undefined, 'no container runs on the router in the sample');
  });

  it('writes RouterOS containers for docker services on the router', async () => {
    const { files } = await generate(withRouterContainer());
    const doc = await parseHcl('containers.tf', content(files, 'terraform/mikrotik/containers.tf'));
    assert.equal(resource(doc, 'routeros_container', 'svc_pihole').remote_image, 'pihole/pihole:2024.07.0');
  });
});

describe('generators: escaping into HCL', () => {
  const nasty = ['say "hi"', 'cost ${var.secret}', 'tpl %{ if true }x%{ endif }', 'line one\nline two', 'back\\slash', 'all "${x}" %{y} \\ \n\r\t end', 'unicode ✓ \u2028 sep'];
  for (const text of nasty) {
    it(`a description ${JSON.stringify(text)} stays one literal string`, async () => {
      const { files } = await generate(lxcWithDescription(text));
      const doc = await parseHcl('lxc.tf', content(files, 'terraform/proxmox/lxc.tf'));
      const r = resource(doc, 'proxmox_virtual_environment_container', 'lxc_app');
      assert.equal(literal(r.description), text);
      assert.equal(r.vm_id, 210, 'the attributes after it are intact');
    });
  }
});
