import * as assert from 'node:assert/strict';
import { deref, toJS } from '../../server/src/core/workspace/nodes';
import { serviceRuntime } from '../../server/src/core/model/canonical';
import { analyzeFiles } from '../helpers/check';

/** docs/format.md#includes: how `!include` and `!include_dir_sorted` assemble one value. */
function load(files: Record<string, string>): unknown {
  const { analysis } = analyzeFiles(files);
  return toJS(analysis.model?.assembly.root);
}

describe('loading a workspace', () => {
  it('`root:` written as a relative path (`./infra/topology.yaml`) names the file a disk would open, in memory too', () => {
    const { analysis } = analyzeFiles({
      '.strata.yaml': 'root: ./infra//topology.yaml\n',
      'infra/topology.yaml': 'L0_meta: !include topology/L0.yaml\n',
      'infra/topology/L0.yaml': 'metadata:\n  environment: production\n',
    });
    assert.equal(analysis.config.root, 'infra/topology.yaml');
    assert.deepEqual(toJS(analysis.model?.assembly.root), { L0_meta: { metadata: { environment: 'production' } } });
    assert.deepEqual([...analysis.model!.assembly.parsed.keys()], ['infra/topology.yaml', 'infra/topology/L0.yaml']);
  });

  it('resolves !include relative to the directory of the file holding the tag', () => {
    const v = load({
      'topology.yaml': 'L0_meta: !include topology/L0.yaml\n',
      'topology/L0.yaml': 'metadata: !include sub/meta.yaml\n',
      'topology/sub/meta.yaml': 'environment: production\n',
    });
    assert.deepEqual(v, { L0_meta: { metadata: { environment: 'production' } } });
  });

  it('replaces the tagged node with the whole value: a list include inside a list is one element, an empty file is null', () => {
    const v = load({
      'topology.yaml': 'L7_operations:\n  workflows:\n  - !include a.yaml\n  - !include empty.yaml\n',
      'a.yaml': '- 1\n- 2\n',
      'empty.yaml': '',
    });
    assert.deepEqual(v, { L7_operations: { workflows: [[1, 2], null] } });
  });

  it('!include_dir_sorted: recursive, .yaml/.yml in any case, skips _-prefixed file names, sorted by relative path, splices lists, appends maps, skips empty files', () => {
    const v = load({
      'topology.yaml': 'L7_operations:\n  workflows: !include_dir_sorted items\n',
      'items/b.yaml': '- b1\n- b2\n',
      'items/a.YML': 'name: a\n',
      'items/_index.yaml': '- never\n',
      'items/_dir/c.yaml': 'name: in-underscore-dir\n',
      'items/sub/a.yaml': 'name: sub-a\n',
      'items/empty.yaml': '',
      'items/notes.txt': 'not yaml',
      'items/Z.yaml': 'name: upper-z\n',
    });
    // Code-point order of relative POSIX paths: 'Z.yaml' < '_dir/c.yaml' < 'a.YML' < 'b.yaml' < 'empty.yaml' < 'sub/a.yaml'.
    assert.deepEqual(v, { L7_operations: { workflows: [{ name: 'upper-z' }, { name: 'in-underscore-dir' }, { name: 'a' }, 'b1', 'b2', { name: 'sub-a' }] } });
  });

  it('!include_dir_sorted of a directory holding only .gitkeep yields an empty list', () => {
    const v = load({ 'topology.yaml': 'L7_operations:\n  workflows: !include_dir_sorted empty\n', 'empty/.gitkeep': '' });
    assert.deepEqual(v, { L7_operations: { workflows: [] } });
  });

  it('supports anchors, aliases and merge keys within one file', () => {
    const v = load({
      'topology.yaml': 'L7_operations:\n  workflows:\n    base: &b {a: 1, b: 2}\n    copy: *b\n    merged:\n      <<: *b\n      b: 3\n',
    });
    assert.deepEqual(v, { L7_operations: { workflows: { base: { a: 1, b: 2 }, copy: { a: 1, b: 2 }, merged: { a: 1, b: 3 } } } });
  });

  it('accepts included files whose top-level map is indented by two spaces', () => {
    const v = load({ 'topology.yaml': 'L0_meta: !include l0.yaml\n', 'l0.yaml': '  version: 4.0.0\n  metadata:\n    environment: test\n' });
    assert.deepEqual(v, { L0_meta: { version: '4.0.0', metadata: { environment: 'test' } } });
  });

  it("keeps each value's own file and offsets through includes", () => {
    const { analysis } = analyzeFiles({
      'topology.yaml': 'L1_foundation: !include t/L1.yaml\n',
      't/L1.yaml': 'locations: !include locs.yaml\n',
      't/locs.yaml': '- id: home\n  name: Home\n',
    });
    const home = analysis.model!.index.first('location', 'home')!;
    assert.equal(home.idSpan.file, 't/locs.yaml');
    assert.deepEqual([home.idSpan.start, home.idSpan.end], [6, 10]);
    assert.deepEqual(home.path, ['L1_foundation', 'locations', 0]);
  });

  it('a broken file keeps its last good tree for the rest of the workspace', () => {
    const { analysis: first, ws } = analyzeFiles({
      'topology.yaml': 'L1_foundation: !include l1.yaml\nL2_network:\n  networks:\n  - id: net-a\n    managed_by_ref: rtr\n',
      'l1.yaml': 'devices:\n- id: rtr\n  name: R\n  type: router\n  role: central-gateway\n  class: network\n  substrate: baremetal-owned\n  access: local-lan\n',
    });
    assert.equal(first.diagnostics.filter((d) => d.code === 'ref-unknown').length, 0);
    ws.setOverlay('l1.yaml', 'devices:\n- id: rtr\n  name: "R\n');
    const { analyze } = require('../../server/src/core/analysis') as typeof import('../../server/src/core/analysis');
    const { topologyDeclarations } = require('../../server/src/core/model/topology-schema') as typeof import('../../server/src/core/model/topology-schema');
    const second = analyze(ws, topologyDeclarations());
    // (the network nothing references is entity-unused's information, not a consequence of the broken file)
    assert.deepEqual(
      second.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      ['yaml-syntax'],
    );
    assert.equal(second.model!.index.first('device', 'rtr')?.id, 'rtr');
  });
});

describe('canonical model', () => {
  const files = (service: string) => ({
    'topology.yaml': `L4_platform:\n  lxc:\n  - id: lxc-db\n    vmid: 200\n    name: db\n    networks:\n    - network_ref: net-a\n      ip: 10.0.30.10/24\nL5_application:\n  services:\n${service}`,
  });
  it("knows a service's runtime whether written as lxc_ref (v4.0) or as a runtime block", () => {
    const legacy = analyzeFiles(files('  - id: svc-db\n    lxc_ref: lxc-db\n    network_ref: net-a\n')).analysis.model!;
    const later = analyzeFiles(files('  - id: svc-db\n    runtime:\n      type: lxc\n      target_ref: lxc-db\n      network_binding_ref: net-a\n')).analysis.model!;
    const pick = (m: typeof legacy) => {
      const r = serviceRuntime(m.index.first('service', 'svc-db')!);
      return { type: r.type, kind: r.targetKind, id: r.targetId, net: r.networkBindingRef };
    };
    assert.deepEqual(pick(legacy), { type: 'lxc', kind: 'lxc', id: 'lxc-db', net: 'net-a' });
    assert.deepEqual(pick(later), pick(legacy));
    assert.equal(deref(later.index.first('lxc', 'lxc-db')!.node)?.kind, 'map');
  });

  it('reads a v4.0 docker service (device_ref + container) and a native one (device_ref alone)', () => {
    const m = analyzeFiles(files('  - id: svc-a\n    device_ref: opi\n    container: true\n    container_image: nextcloud:28\n  - id: svc-b\n    device_ref: opi\n    native: true\n')).analysis.model!;
    const a = serviceRuntime(m.index.first('service', 'svc-a')!);
    const b = serviceRuntime(m.index.first('service', 'svc-b')!);
    assert.deepEqual([a.type, a.targetKind, a.image], ['docker', 'device', 'nextcloud:28']);
    assert.deepEqual([b.type, b.targetKind], ['baremetal', 'device']);
  });
});
