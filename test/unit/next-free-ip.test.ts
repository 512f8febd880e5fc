import * as assert from 'node:assert/strict';
import type { TextEdit } from '../../server/src/core/features/edits';
import { nextFreeIpActions, nextFreeIpCompletion } from '../../server/src/core/features/next-free-ip';
import type { TopologyModel } from '../../server/src/core/model/model';
import { analyzeFiles } from '../helpers/check';
import { parseFixture } from '../helpers/fixture';

const L2 = `//- topology/L2-network.yaml
networks:
- id: net-servers
  cidr: 10.0.30.0/24
  gateway: 10.0.30.1
  dhcp_range: 10.0.30.2-10.0.30.9
  ip_allocations:
  - ip: 10.0.30.10
    device_ref: gamayun
  - ip: IP
ipv6:
  networks:
  - id: net-servers-v6
    network_ref: net-servers
    prefix: fd00:30::/64
`;

const L4 = `//- topology/L4-platform.yaml
lxc:
- id: lxc-redis
  networks:
  - network_ref: net-servers
    ip: NIC
vms:
- id: vm-ha
  networks:
  - network_ref: net-servers
    ip_config:
      address: VM
- id: vm-nowhere
  networks:
  - ip: NONET
`;

/** A workspace with the cursor ($0) placed where `marker` says (the other markers become real values). */
function at(marker: string, values: Record<string, string> = {}): { model: TopologyModel; file: string; offset: number; text: string } {
  const fill = (t: string) =>
    t.replace(/\b(IP|NIC|VM|NONET)\b/g, (m) =>
      m === marker ? `${values[m] ?? ''}$0` : (values[m] ?? ({ IP: '10.0.30.11', NIC: '10.0.30.12/24', VM: '10.0.30.13/24', NONET: '10.0.99.1/24' } as Record<string, string>)[m]!),
    );
  const fx = parseFixture(`//- topology.yaml\nL2_network: !include topology/L2-network.yaml\nL4_platform: !include topology/L4-platform.yaml\n${fill(L2)}${fill(L4)}`);
  const model = analyzeFiles(fx.files).analysis.model;
  assert.ok(model && fx.cursor);
  return { model, file: fx.cursor.file, offset: fx.cursor.offset, text: fx.files[fx.cursor.file]! };
}

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
}

const lineOf = (text: string, needle: string) => text.split('\n').find((l) => l.includes(needle));

describe('next free IP', () => {
  it('completes an empty allocation ip with the first free address, skipping gateway, DHCP range and used addresses', () => {
    const c = at('IP');
    const item = nextFreeIpCompletion(c.model, c.file, c.offset);
    assert.ok(item);
    // .1 gateway, .2-.9 DHCP, .10 allocated; .12 and .13 are the NIC's and the VM's
    assert.equal(item.label, '10.0.30.11');
    assert.equal(item.detail, 'next free address in net-servers');
    assert.equal(item.networkId, 'net-servers');
    assert.equal(lineOf(apply(c.text, item.edit), '10.0.30.11'), '  - ip: 10.0.30.11');
  });

  it('completes a NIC value with the network prefix length, replacing what is typed', () => {
    const c = at('NIC', { NIC: '10.0.3' });
    const item = nextFreeIpCompletion(c.model, c.file, c.offset);
    assert.ok(item);
    assert.equal(item.label, '10.0.30.12/24', 'the half-typed value is no address yet');
    assert.equal(lineOf(apply(c.text, item.edit), 'ip: 10.0.30.12'), '    ip: 10.0.30.12/24');
  });

  it("completes a VM ip_config.address and an IPv6 value from the network's IPv6 prefix", () => {
    const vm = at('VM');
    assert.equal(nextFreeIpCompletion(vm.model, vm.file, vm.offset)?.label, '10.0.30.13/24');
    const v6 = at('NIC', { NIC: 'fd00:3' });
    const item = nextFreeIpCompletion(v6.model, v6.file, v6.offset);
    assert.equal(item?.label, 'fd00:30::1/64');
    assert.equal(item?.detail, 'next free address in net-servers (net-servers-v6)');
  });

  it('offers nothing where the network is unknown or the cursor is elsewhere', () => {
    const c = at('NONET');
    assert.equal(nextFreeIpCompletion(c.model, c.file, c.offset), undefined);
    assert.deepEqual(nextFreeIpActions(c.model, c.file, c.offset), []);
    const ip = at('IP');
    assert.equal(nextFreeIpCompletion(ip.model, ip.file, ip.text.indexOf('cidr')), undefined);
  });

  it('offers "Use next free address in <network>" on a duplicate address, as an edit', () => {
    const c = at('IP', { IP: '10.0.30.10' });
    const actions = nextFreeIpActions(c.model, c.file, c.offset - 3);
    assert.equal(actions.length, 1);
    const a = actions[0]!;
    assert.equal(a.title, 'Use next free address in net-servers');
    assert.equal(a.address, '10.0.30.11');
    assert.ok(a.fixes.includes('ip-duplicate'));
    assert.equal(lineOf(apply(c.text, a.edit), '10.0.30.11'), '  - ip: 10.0.30.11');
  });

  it('never proposes the value itself: it counts as used', () => {
    const c = at('IP', { IP: '10.0.30.11' });
    const [a] = nextFreeIpActions(c.model, c.file, c.offset);
    assert.equal(a?.address, '10.0.30.14');
  });

  it('inserts a space after a bare colon', () => {
    const c = at('IP');
    const text = c.text.replace('- ip: \n', '- ip:\n');
    const model = analyzeFiles({ 'topology.yaml': 'L2_network: !include topology/L2-network.yaml\n', [c.file]: text }).analysis.model!;
    const offset = text.indexOf('- ip:\n') + '- ip:'.length;
    const item = nextFreeIpCompletion(model, c.file, offset);
    assert.ok(item);
    assert.equal(lineOf(apply(text, item.edit), '.11'), '  - ip: 10.0.30.11');
  });
});
