/**
 * Every entity a generator's target covers either appears in its output or is named, with the
 * reason, in the run's diagnostics (what `strata generate` prints and the editor's summary shows).
 */
import * as assert from 'node:assert/strict';
import { generate } from '../../helpers/generate';
import { parseHcl, resource } from '../../helpers/hcl';
import { routerDeviceLines } from '../../helpers/topologies';

const messages = (plan: Awaited<ReturnType<typeof generate>>['plan'], generator: string) =>
  plan.runs.filter((r) => r.generator === generator).flatMap((r) => r.diagnostics.map((d) => `${d.severity} ${d.message}`));

function routerTopology(networks: string): Record<string, string> {
  return {
    'topology.yaml': 'L1_foundation: !include l1.yaml\nL2_network: !include l2.yaml\n',
    'l1.yaml': ['devices:', ...routerDeviceLines('rtr', '  interfaces:', '  - id: if-rtr-ether1', '    name: ether1', '    type: ethernet'), ''].join('\n'),
    'l2.yaml': `networks:\n${networks}`,
  };
}

const net = (id: string, extra: string) => `- id: ${id}\n  name: ${id}\n  managed_by_ref: rtr\n${extra}`;

describe('generators cover what their target needs, or say what they left out', () => {
  describe('terraform-mikrotik', () => {
    it('two untagged LANs share the bridge: both addresses, one DHCP server, the other named', async () => {
      const { plan, files } = await generate(
        routerTopology(
          net('net-lan', '  cidr: 192.168.1.0/24\n  gateway: 192.168.1.1\n  vlan: null\n  bridge_ref: null\n  dhcp: true\n  dhcp_range: 192.168.1.100-192.168.1.200\n') +
            net('net-lab', '  cidr: 192.168.2.0/24\n  gateway: 192.168.2.1\n  vlan: null\n  bridge_ref: null\n  dhcp: true\n  dhcp_range: 192.168.2.100-192.168.2.200\n'),
        ),
      );
      const addresses = files.get('terraform/mikrotik/addresses.tf')!.content;
      assert.match(addresses, /"192\.168\.1\.1\/24"[\s\S]*interface = "bridge"/);
      assert.match(addresses, /"192\.168\.2\.1\/24"/);
      assert.match(files.get('terraform/mikrotik/interfaces.tf')!.content, /routeros_interface_bridge" "bridge"/, 'the bridge exists for an untagged LAN alone');
      assert.deepEqual(messages(plan, 'terraform-mikrotik'), [
        "warning Network 'net-lan' runs DHCP on bridge, where 'net-lab' already has the DHCP server (RouterOS runs one per interface); its pool and server are left out.",
      ]);
    });

    it('names a network with dhcp but no range, one without a gateway, an uplink without an interface and a VPN it does not write', async () => {
      const { plan, files } = await generate(
        routerTopology(
          net('net-a', '  cidr: 10.0.1.0/24\n  gateway: 10.0.1.1\n  vlan: 11\n  dhcp: true\n') +
            net('net-b', '  cidr: 10.0.2.0/24\n  vlan: 12\n  dhcp: false\n') +
            net('net-up', '  cidr: dhcp\n  dhcp: true\n') +
            net('net-ts', '  cidr: 100.64.0.0/10\n  gateway: 100.64.0.1\n  vpn_type: tailscale\n'),
        ),
      );
      assert.match(files.get('terraform/mikrotik/addresses.tf')!.content, /10\.0\.1\.1\/24/);
      assert.deepEqual(messages(plan, 'terraform-mikrotik').sort(), [
        "warning Network 'net-a' has dhcp: true but no dhcp_range; its DHCP pool and server are left out.",
        "warning Network 'net-b' is managed by 'rtr' but has no gateway, so the router has no address in it; its address is left out.",
        "warning Network 'net-ts' is managed by 'rtr', but it is a tailscale network, which the RouterOS generator does not write; its address is left out.",
        "warning Uplink 'net-up' is addressed by DHCP (cidr: dhcp) but names no interface of 'rtr' (interface_ref); its DHCP client is left out.",
      ]);
    });

    it('writes static routes, puts a default route through a DHCP uplink on its client, and names the routes it does not write', async () => {
      const topo = routerTopology(net('net-wan', '  cidr: dhcp\n  interface_ref: if-rtr-ether1\n') + net('net-lan', '  cidr: 192.168.1.0/24\n  gateway: 192.168.1.1\n  vlan: null\n'));
      topo['l2.yaml'] += [
        'routing:',
        '- {id: route-default, name: Default, device_ref: rtr, destination_cidr: 0.0.0.0/0, via: ether1, priority: 5}',
        '- {id: route-lab, name: Lab, device_ref: rtr, destination_cidr: 172.16.0.0/16, next_hop: 192.168.1.254, priority: 3, check_gateway: ping}',
        '- {id: route-lan, name: LAN, device_ref: rtr, destination_network_ref: net-lan}',
        '- {id: route-nowhere, name: Nowhere, device_ref: rtr, destination_cidr: 10.9.0.0/16}',
        '- {id: route-policy, name: Policy, device_ref: rtr, source_network_ref: net-lan, destination_cidr: 10.8.0.0/16, next_hop: 192.168.1.253}',
        '',
      ].join('\n');
      const { plan, files } = await generate(topo);
      const routes = files.get('terraform/mikrotik/routes.tf')!.content;
      assert.match(routes, /resource "routeros_ip_route" "route_lab" \{\n\s+dst_address\s+= "172\.16\.0\.0\/16"\n\s+gateway\s+= "192\.168\.1\.254"\n\s+distance\s+= 3\n\s+check_gateway = "ping"/);
      assert.equal((routes.match(/routeros_ip_route"/g) ?? []).length, 1, 'only the static route is a route resource');
      assert.equal(resource(await parseHcl('routes.tf', routes), 'routeros_ip_route', 'route_lab').distance, 3);
      assert.match(files.get('terraform/mikrotik/addresses.tf')!.content, /routeros_ip_dhcp_client" "net_wan"[\s\S]*?default_route_distance = 5/);
      assert.deepEqual(messages(plan, 'terraform-mikrotik').sort(), [
        "info Route 'route-lan' reaches 'net-lan', a network 'rtr' manages: RouterOS adds that connected route itself, so routes.tf has nothing for it.",
        "warning Route 'route-nowhere' has no gateway (next_hop or via); it is left out of routes.tf.",
        "warning Route 'route-policy' routes by source ('net-lan'), which needs a routing table and mangle rules the RouterOS generator does not write; it is left out of routes.tf.",
      ]);
    });

    it('names a WireGuard allocation it cannot make a peer of', async () => {
      const { plan, files } = await generate(
        routerTopology(
          net('net-vpn', '  cidr: 10.0.200.0/24\n  gateway: 10.0.200.1\n  vpn_type: wireguard\n  ip_allocations:\n  - {ip: 10.0.200.2, device_ref: rtr}\n  - {ip: 10.0.200.3, description: phone}\n'),
        ),
      );
      assert.match(files.get('terraform/mikrotik/vpn.tf')!.content, /allowed_address = \["10\.0\.200\.2\/32"\]/);
      assert.deepEqual(messages(plan, 'terraform-mikrotik'), [
        "warning WireGuard network 'net-vpn' has an allocation of 10.0.200.3 without a device_ref or host_os_ref, so its peer has no key to look up; the peer is left out of vpn.tf.",
      ]);
    });
  });

  /** L4 with the LXC containers, VMs and VM templates given, each a YAML flow map. */
  interface Guests {
    lxc?: string[];
    vms?: string[];
    vmTemplates?: string[];
  }
  const items = (key: string, indent: string, list: string[] = []) => (list.length ? [`${indent}${key}:`, ...list.map((item) => `${indent}- ${item}`)] : []);
  const l4Yaml = (g: Guests) => [...items('lxc', '', g.lxc), ...items('vms', '', g.vms), ...(g.vmTemplates?.length ? ['templates:', ...items('vms', '  ', g.vmTemplates)] : []), ''].join('\n');

  function proxmoxTopology(guests: Guests, l7 = ''): Record<string, string> {
    const l4 = l4Yaml(guests);
    return {
      'topology.yaml': `L1_foundation: !include l1.yaml\nL2_network: !include l2.yaml\nL4_platform: !include l4.yaml\n${l7 ? 'L7_operations: !include l7.yaml\n' : ''}`,
      'l1.yaml': 'devices:\n- {id: pve, name: pve, type: hypervisor, role: compute, class: compute, substrate: baremetal-owned, access: local-lan}\n',
      'l2.yaml': 'bridges:\n- {id: bridge-vmbr0, device_ref: pve, name: vmbr0}\nnetworks:\n- {id: net-lan, name: LAN, cidr: 10.0.0.0/24, gateway: 10.0.0.1}\n',
      'l4.yaml': l4,
      ...(l7 ? { 'l7.yaml': l7 } : {}),
    };
  }

  describe('terraform-proxmox', () => {
    it('names a guest NIC without a bridge and a VM template it does not clone', async () => {
      const { plan, files } = await generate(
        proxmoxTopology({
          lxc: [
            '{id: lxc-a, vmid: 101, name: a, device_ref: pve, networks: [{interface: eth0, bridge_ref: bridge-vmbr0, network_ref: net-lan, ip: 10.0.0.10/24}, {interface: eth1, network_ref: net-lan}]}',
          ],
          vms: ['{id: vm-b, vmid: 201, name: b, device_ref: pve, template_ref: tpl-vm-b, networks: [{bridge_ref: bridge-vmbr9, network_ref: net-lan}]}'],
          vmTemplates: ['{id: tpl-vm-b, vmid: 9000, name: b-template}'],
        }),
      );
      assert.match(files.get('terraform/proxmox/lxc.tf')!.content, /bridge\s+= "vmbr0"/);
      // This minimal topology has no storage either; those gaps are named too, and left out here.
      assert.deepEqual(
        messages(plan, 'terraform-proxmox')
          .filter((m) => /NIC|names template/.test(m))
          .sort(),
        [
          "info VM 'vm-b' names template 'tpl-vm-b', which vms.tf records in a comment: the VM is created empty, not cloned or imported from it.",
          "warning LXC 'lxc-a' NIC eth1 has no bridge_ref, so its network interface has no bridge and Proxmox will not create it; write bridge_ref.",
          "warning VM 'vm-b' NIC net-lan names bridge 'bridge-vmbr9', which is no bridge, so its network interface has no bridge and Proxmox will not create it; write bridge_ref.",
        ],
      );
    });
  });

  describe('ansible', () => {
    it('names a guest left out by ansible.enabled: false, a second host of a taken name and host_vars of a name no host has', async () => {
      const { plan, files } = await generate(
        proxmoxTopology(
          {
            lxc: [
              '{id: lxc-a, vmid: 101, name: a, device_ref: pve, networks: [{bridge_ref: bridge-vmbr0, network_ref: net-lan, ip: 10.0.0.10/24}]}',
              '{id: lxc-b, vmid: 102, name: b, device_ref: pve, ansible: {enabled: false}, networks: [{bridge_ref: bridge-vmbr0, network_ref: net-lan, ip: 10.0.0.11/24}]}',
              '{id: lxc-c, vmid: 103, name: a, device_ref: pve, networks: [{bridge_ref: bridge-vmbr0, network_ref: net-lan, ip: 10.0.0.12/24}]}',
            ],
          },
          'ansible:\n  host_vars:\n    a: {x: 1}\n    lxc-a: {y: 2}\n',
        ),
      );
      assert.match(files.get('ansible/inventory/host_vars/a.yml')!.content, /x: 1/);
      assert.deepEqual(messages(plan, 'ansible').sort(), [
        "info LXC 'lxc-b' has ansible.enabled: false; it is left out of the inventory.",
        "warning Host name 'a' of lxc 'lxc-c' is already used by lxc 'lxc-a'; the second host is left out of the inventory. Give one a different name.",
        "warning L7 ansible.host_vars has 'lxc-a', which is the name of no host in the inventory; its vars are not written. Host names are the LXC/VM name or the device id.",
      ]);
    });
  });

  describe('docs', () => {
    it('shows on the storage page data placed by its device alone and data placed on a storage endpoint or mount point', async () => {
      const { files } = await generate({
        'topology.yaml': 'L1_foundation: !include l1.yaml\nL3_data: !include l3.yaml\n',
        'l1.yaml': [
          'devices:',
          '- {id: rtr, name: Router, type: router, role: central-gateway, class: network, substrate: baremetal-owned, access: local-lan}',
          '- {id: srv, name: Server, type: hypervisor, role: compute, class: compute, substrate: baremetal-owned, access: local-lan, specs: {storage_slots: [{id: slot-a, name: A, bus: sata, mount: replaceable, connector: sata, description: a}]}}',
          'media_registry:',
          '- {id: disk-a, name: Disk A, type: ssd, form_factor: 2.5in, supported_buses: [sata], state: present, size_gb: 100, usage: a}',
          'media_attachments:',
          '- {id: attach-srv-a, device_ref: srv, slot_ref: slot-a, media_ref: disk-a, state: present, description: a}',
          '',
        ].join('\n'),
        'l3.yaml': [
          'partitions:',
          '- {id: part-srv-a-1, media_attachment_ref: attach-srv-a, number: 1, type: ext4, size: remaining}',
          'filesystems:',
          '- {id: fs-srv-a, type: ext4, partition_ref: part-srv-a-1}',
          'mount_points:',
          '- {id: mnt-srv-data, path: /data, filesystem_ref: fs-srv-a, device_ref: srv}',
          'storage_endpoints:',
          '- {id: se-data, name: data, platform: proxmox, type: dir, mount_point_ref: mnt-srv-data, path: /data/pve}',
          'data_assets:',
          '- {id: data-export, name: Router export, category: configuration, device_ref: rtr}',
          '- {id: data-db, name: Database, category: database, storage_endpoint_ref: se-data}',
          '- {id: data-etc, name: Config, category: configuration, mount_point_ref: mnt-srv-data}',
          '',
        ].join('\n'),
      });
      const page = files.get('docs/storage.md')!.content;
      assert.match(page, /## Router \(`rtr`\)[\s\S]*data Router export/);
      assert.match(page, /n_se_2d_data --> n_data_2d_db/);
      assert.match(page, /n_mnt_2d_srv_2d_data --> n_data_2d_etc/);
    });
  });
});
