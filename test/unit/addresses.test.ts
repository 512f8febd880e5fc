import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { addressModel, formatIp, ipKey, nextFreeAddress, parseIp, serviceAddress } from '../../server/src/core/model/addresses';
import type { TopologyModel } from '../../server/src/core/model/model';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { analyze } from '../../server/src/core/analysis';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../server/src/node/node-fs';
import { analyzeFiles } from '../helpers/check';

function model(yaml: string): TopologyModel {
  const m = analyzeFiles({ 'topology.yaml': yaml }).analysis.model;
  assert.ok(m);
  return m;
}

/** `L2_network` with one network per id → CIDR. */
const networksOf = (cidrs: Record<string, string>): string => ['L2_network:', '  networks:', ...Object.entries(cidrs).flatMap(([id, cidr]) => [`  - id: ${id}`, `    cidr: ${cidr}`])].join('\n');

function sample(name: string): TopologyModel {
  const ws = new Workspace(new NodeFileSystem(resolve(__dirname, '../../../test-fixtures', name)));
  const m = analyze(ws, topologyDeclarations()).model;
  assert.ok(m);
  return m;
}

const next = (m: TopologyModel, id: string) => {
  const ip = nextFreeAddress(m, id);
  return ip && formatIp(ip);
};

const svc = (m: TopologyModel, id: string) => {
  const s = m.index.first('service', id);
  assert.ok(s, id);
  const a = serviceAddress(m, s);
  return a && { address: a.holder.address, kind: a.holder.kind, target: a.target.id };
};

describe('address model', () => {
  it('lists every holder with the thing that really holds it', () => {
    const m = sample('sample-v4');
    const am = addressModel(m);
    const key = (address: string) => {
      const p = parseIp(address);
      assert.ok(p.ok);
      return ipKey(p.value);
    };
    const at = (address: string) => (am.byAddress.get(key(address)) ?? []).map((h) => `${h.kind}:${h.owner.id}:${h.principal?.id ?? '-'}`).sort();
    assert.deepEqual(at('10.0.99.10'), ['allocation:net-management:gamayun', 'bridge:bridge-vmbr0:gamayun', 'service:svc-proxmox-ui:gamayun']);
    assert.deepEqual(at('10.0.30.50'), ['allocation:net-servers:orangepi5', 'external-service:ext-orangepi5:orangepi5', 'service:svc-nextcloud:orangepi5']);
    assert.deepEqual(at('10.0.30.30'), ['lxc-nic:lxc-monitoring:lxc-monitoring', 'service:svc-grafana:lxc-monitoring', 'service:svc-prometheus:lxc-monitoring']);
    assert.deepEqual(at('10.0.30.1'), ['gateway:net-servers:mikrotik-chateau']);
    assert.equal(am.uses.length, 7, 'the seven A records point at addresses');
    assert.deepEqual(am.malformed, []);
  });

  it('resolves a service address in the v4.0 shape', () => {
    const m = sample('sample-v4');
    assert.deepEqual(svc(m, 'svc-postgresql'), { address: '10.0.30.10', kind: 'lxc-nic', target: 'lxc-postgresql' });
    assert.deepEqual(svc(m, 'svc-homeassistant'), { address: '10.0.40.10', kind: 'vm-nic', target: 'vm-homeassistant' });
    assert.deepEqual(svc(m, 'svc-nextcloud'), { address: '10.0.30.50', kind: 'allocation', target: 'orangepi5' });
    assert.deepEqual(svc(m, 'svc-caddy'), { address: '10.0.200.2', kind: 'allocation', target: 'oracle-arm-vps' });
    // the router's address in a network it manages is that network's gateway
    assert.deepEqual(svc(m, 'svc-dns'), { address: '10.0.30.1', kind: 'gateway', target: 'mikrotik-chateau' });
  });

  it('resolves a service address in the refactored shapes', () => {
    for (const name of ['sample-refactored', 'sample-dir-sorted']) {
      const m = sample(name);
      assert.deepEqual(svc(m, 'svc-postgresql'), { address: '10.0.30.10', kind: 'lxc-nic', target: 'lxc-postgresql' }, name);
      assert.deepEqual(svc(m, 'svc-nextcloud'), { address: '10.0.30.50', kind: 'allocation', target: 'orangepi5' }, name);
      assert.deepEqual(svc(m, 'svc-proxmox-ui'), { address: '10.0.99.10', kind: 'allocation', target: 'gamayun' }, name);
      assert.deepEqual(svc(m, 'svc-wireguard'), { address: '10.0.200.1', kind: 'gateway', target: 'mikrotik-chateau' }, name);
    }
  });

  it('picks the NIC in the bound network, and none when the binding matches no NIC', () => {
    const m = model(`
${networksOf({ 'net-a': '10.0.1.0/24', 'net-b': '10.0.2.0/24', 'net-c': '10.0.3.0/24' })}
L4_platform:
  lxc:
  - id: lxc-x
    networks:
    - network_ref: net-a
      ip: 10.0.1.5/24
    - network_ref: net-b
      ip: 10.0.2.5/24
L5_application:
  services:
  - id: svc-bound
    runtime: {type: lxc, target_ref: lxc-x, network_binding_ref: net-b}
  - id: svc-unbound
    runtime: {type: lxc, target_ref: lxc-x}
  - id: svc-elsewhere
    runtime: {type: lxc, target_ref: lxc-x, network_binding_ref: net-c}
  - id: svc-legacy
    lxc_ref: lxc-x
    network_ref: net-c
`);
    assert.equal(svc(m, 'svc-bound')?.address, '10.0.2.5');
    assert.equal(svc(m, 'svc-unbound')?.address, '10.0.1.5');
    assert.equal(svc(m, 'svc-elsewhere'), undefined);
    assert.equal(svc(m, 'svc-legacy')?.address, '10.0.1.5', 'v4.0: the first NIC');
  });

  it('finds the next free address outside gateway, DHCP, reserved and used addresses', () => {
    const m = model(`
L2_network:
  networks:
  - id: net-servers
    cidr: 10.0.30.0/24
    gateway: 10.0.30.1
    dhcp_range: 10.0.30.2-10.0.30.3
    reserved_ranges:
    - {start: 10.0.30.4, end: 10.0.30.9, purpose: infrastructure}
    ip_allocations:
    - ip: 10.0.30.10
  - id: net-p2p
    cidr: 10.0.50.0/30
    gateway: 10.0.50.1
    ip_allocations:
    - ip: 10.0.50.2
  - id: net-wan
    cidr: dhcp
  ipv6:
    networks:
    - id: net-servers-v6
      network_ref: net-servers
      prefix: fd00:30::/64
L4_platform:
  lxc:
  - id: lxc-x
    networks:
    - network_ref: net-servers
      ip: 10.0.30.11/24
    - network_ref: net-servers
      ip: fd00:30::1/64
L5_application:
  dns:
    zones:
    - id: zone-lab
      records:
      - {type: A, name: printer, ip: 10.0.30.12}
`);
    assert.equal(next(m, 'net-servers'), '10.0.30.13');
    assert.equal(next(m, 'net-p2p'), undefined, '/30: .0 network, .1 gateway, .2 used, .3 broadcast');
    assert.equal(next(m, 'net-wan'), undefined);
    assert.equal(next(m, 'net-missing'), undefined);
    assert.equal(next(m, 'net-servers-v6'), 'fd00:30::2');
  });

  it('finds the next free address in the samples', () => {
    assert.equal(next(sample('sample-v4'), 'net-servers'), '10.0.30.2');
    assert.equal(next(sample('sample-refactored'), 'net-management'), '10.0.99.2');
  });
});
