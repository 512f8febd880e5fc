/** Small in-memory topologies for generator tests. */
import { sampleFiles } from './samples';

/** The YAML lines of a router device (an item of `devices:`), then `more` lines of its own. */
export function routerDeviceLines(id: string, ...more: string[]): string[] {
  return [`- id: ${id}`, '  name: Router', '  type: router', '  role: central-gateway', '  class: network', '  substrate: baremetal-owned', '  access: local-lan', ...more];
}

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
    'l1.yaml': ['devices:', ...routerDeviceLines('rtr'), ''].join('\n'),
    'l2.yaml': 'networks:\n- id: net-lan\n  name: LAN\n  cidr: 10.1.0.0/24\n  gateway: 10.1.0.1\n  vlan: 5\n  managed_by_ref: rtr\n',
    'l5.yaml': 'services:\n- id: svc-pihole\n  name: Pi-hole\n  runtime:\n    type: docker\n    target_ref: rtr\n    network_binding_ref: net-lan\n    image: pihole/pihole:2024.07.0\n',
  };
}

/**
 * sample-v4 with the main LAN real v4.0 repositories have: untagged (`vlan: null`,
 * `bridge_ref: null`) and managed by the router, beside the VLANs.
 */
export function sampleV4WithUntaggedLan(): Record<string, string> {
  const files = sampleFiles('sample-v4');
  const profiles = 'topology/L2-network/network-profiles.yaml';
  const index = 'topology/L2-network/networks/_index.yaml';
  files[profiles] +=
    '\nprof-lan-bridge:\n  name: Router LAN\n  description: Untagged LAN on the router bridge\n  network_plane: virtual\n  segmentation_type: bridge\n  transport: [ethernet, wifi]\n  volatility: low\n';
  files[index] = files[index]!.replace('# VLANs on the Chateau bridge', '# Untagged LAN on the Chateau bridge\n- !include net-lan.yaml\n\n# VLANs on the Chateau bridge');
  files['topology/L2-network/networks/net-lan.yaml'] = [
    'id: net-lan',
    'name: Home LAN',
    'cidr: 192.168.88.0/24',
    'gateway: 192.168.88.1',
    'dns: [192.168.88.1]',
    'dhcp: true',
    'dhcp_range: 192.168.88.100-192.168.88.199',
    'trust_zone_ref: user',
    'bridge_ref: null',
    'vlan: null',
    'profile_ref: prof-lan-bridge',
    'managed_by_ref: mikrotik-chateau',
    'description: Main LAN, untagged on the Chateau bridge (wired ports and the main SSID)',
    '',
  ].join('\n');
  return files;
}
