/**
 * Every entity a generator's target covers either appears in its output or is named, with the
 * reason, in the run's diagnostics (what `strata generate` prints and the editor's summary shows).
 */
import * as assert from 'node:assert/strict';
import { generate } from '../../helpers/generate';

const messages = (plan: Awaited<ReturnType<typeof generate>>['plan'], generator: string) =>
  plan.runs.filter((r) => r.generator === generator).flatMap((r) => r.diagnostics.map((d) => `${d.severity} ${d.message}`));

function routerTopology(networks: string): Record<string, string> {
  return {
    'topology.yaml': 'L1_foundation: !include l1.yaml\nL2_network: !include l2.yaml\n',
    'l1.yaml': [
      'devices:',
      '- id: rtr',
      '  name: Router',
      '  type: router',
      '  role: central-gateway',
      '  class: network',
      '  substrate: baremetal-owned',
      '  access: local-lan',
      '  interfaces:',
      '  - id: if-rtr-ether1',
      '    name: ether1',
      '    type: ethernet',
      '',
    ].join('\n'),
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
  });
});
