/** Small in-memory topologies for generator tests. */
/** A minimal topology: one host, one LXC with the given description. */
export function lxcWithDescription(description: string): Record<string, string> {
  return {
    'topology.yaml': 'L1_foundation: !include l1.yaml\nL2_network: !include l2.yaml\nL3_data: !include l3.yaml\nL4_platform: !include l4.yaml\n',
    'l1.yaml': 'devices:\n- id: pve\n  name: PVE\n  type: hypervisor\n  role: compute\n  class: compute\n  substrate: baremetal-owned\n  access: local-lan\n',
    'l2.yaml': 'networks:\n- id: net-lan\n  name: LAN\n  cidr: 10.1.0.0/24\n  gateway: 10.1.0.1\n  vlan: 5\n',
    'l3.yaml': 'storage_endpoints:\n- id: se-lvm\n  name: local-lvm\n  type: lvmthin\n- id: se-local\n  name: local\n  type: dir\n',
    'l4.yaml': `templates:\n  lxc:\n  - id: tpl-deb\n    storage_endpoint_ref: se-local\n    image: debian.tar.zst\nlxc:\n- id: lxc-app\n  name: app\n  description: ${JSON.stringify(description)}\n  vmid: 210\n  device_ref: pve\n  template_ref: tpl-deb\n  storage:\n    rootfs:\n      storage_endpoint_ref: se-lvm\n      size_gb: 4\n  networks:\n  - interface: eth0\n    network_ref: net-lan\n    ip: 10.1.0.5/24\n    gateway: 10.1.0.1\n`,
  };
}

export function withRouterContainer(): Record<string, string> {
  return {
    'topology.yaml': 'L1_foundation: !include l1.yaml\nL2_network: !include l2.yaml\nL5_application: !include l5.yaml\n',
    'l1.yaml': 'devices:\n- id: rtr\n  name: Router\n  type: router\n  role: central-gateway\n  class: network\n  substrate: baremetal-owned\n  access: local-lan\n',
    'l2.yaml': 'networks:\n- id: net-lan\n  name: LAN\n  cidr: 10.1.0.0/24\n  gateway: 10.1.0.1\n  vlan: 5\n  managed_by_ref: rtr\n',
    'l5.yaml': 'services:\n- id: svc-pihole\n  name: Pi-hole\n  runtime:\n    type: docker\n    target_ref: rtr\n    network_binding_ref: net-lan\n    image: pihole/pihole:2024.07.0\n',
  };
}
