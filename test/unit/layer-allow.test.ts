import * as assert from 'node:assert/strict';
import { allows, fieldPath, parseLayerAllow, type LayerAllow } from '../../server/src/core/config/layer-allow';

function entry(text: string): LayerAllow {
  const p = parseLayerAllow(text);
  assert.ok(p.ok, text);
  return p.value;
}

describe('layer-direction allow-list entries', () => {
  const allocation = ['L2_network', 'networks', 3, 'ip_allocations', 0, 'host_os_ref'];
  const backupRefs = ['L3_data', 'data_assets', 1, 'backup_policy_refs', 2];
  const zoneDefault = ['L2_network', 'trust_zones', 'servers', 'default_firewall_policy_ref'];

  it('writes data paths with [] for list indexes', () => {
    assert.equal(fieldPath(allocation), 'L2_network.networks[].ip_allocations[].host_os_ref');
    assert.equal(fieldPath(backupRefs), 'L3_data.data_assets[].backup_policy_refs[]');
  });

  it('matches layer pairs', () => {
    assert.ok(allows(entry('L3->L7'), backupRefs, 3, 7));
    assert.ok(allows(entry('L3 -> L7'), backupRefs, 3, 7));
    assert.ok(!allows(entry('L3->L7'), allocation, 2, 4));
  });

  it('matches field paths, with * for map keys and [] optional on the last list', () => {
    assert.ok(allows(entry('L2_network.networks[].ip_allocations[].host_os_ref'), allocation, 2, 4));
    assert.ok(allows(entry('L2_network.networks.ip_allocations.host_os_ref'), allocation, 2, 4));
    assert.ok(!allows(entry('L2_network.networks[].ip_allocations[]'), allocation, 2, 4), 'a prefix is not a match');
    assert.ok(!allows(entry('L2_network.bridges[].host_os_ref'), allocation, 2, 4));
    assert.ok(allows(entry('L3_data.data_assets[].backup_policy_refs'), backupRefs, 3, 7));
    assert.ok(allows(entry('L3_data.data_assets[].backup_policy_refs[]'), backupRefs, 3, 7));
    assert.ok(allows(entry('L2_network.trust_zones.*.default_firewall_policy_ref'), zoneDefault, 2, 2));
    assert.ok(!allows(entry('L2_network.trust_zones[].default_firewall_policy_ref'), zoneDefault, 2, 2), '[] needs a list');
  });

  it('rejects entries in neither form', () => {
    for (const bad of ['L3 to L7', 'L2_network..networks', 'L8->L9', 'networks[0].ip']) {
      const p = parseLayerAllow(bad);
      assert.equal(p.ok, false, bad);
    }
  });
});
