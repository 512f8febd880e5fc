import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { isMigrationId } from '../../server/src/core/model/migration-ids';
import type { TopologyModel } from '../../server/src/core/model/model';
import { storageChain, storageLoops, type ChainNode, type StorageChain } from '../../server/src/core/model/storage-chain';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../server/src/node/node-fs';
import { analyzeFiles } from '../helpers/check';

const SAMPLES = resolve(__dirname, '../../../test-fixtures');
const STORAGE_RULES = ['storage-chain-broken', 'storage-chain-cycle', 'storage-capacity', 'deprecated-field'];

function loadSample(name: string) {
  const analysis = analyze(new Workspace(new NodeFileSystem(resolve(SAMPLES, name))), topologyDeclarations());
  assert.ok(analysis.model, `${name} has a model`);
  return { analysis, model: analysis.model };
}

function entity(model: TopologyModel, kind: string, id: string) {
  const e = model.index.first(kind, id);
  assert.ok(e, `${kind} ${id} exists`);
  return e;
}

const ids = (c: StorageChain) => c.steps.map((s) => s.entity.id);

describe('storage chain', () => {
  describe('sample-refactored', () => {
    const { model } = loadSample('sample-refactored');

    it('walks a data asset through its volume down to the host', () => {
      const chain = storageChain(model, entity(model, 'data_asset', 'data-postgresql-db'));
      assert.deepEqual(ids(chain), ['data-postgresql-db', 'vol-postgresql-data', 'se-lvm', 'lv-pve-data', 'vg-pve', 'part-gamayun-ssd-3', 'attach-gamayun-sata-0', 'disk-ssd-gamayun-boot', 'gamayun']);
      assert.deepEqual(
        chain.steps.map((s) => s.kind),
        ['data_asset', 'volume', 'storage_endpoint', 'logical_volume', 'volume_group', 'partition', 'media_attachment', 'media', 'device'],
      );
      assert.equal(chain.complete, true);
      assert.deepEqual(chain.breaks, []);
      assert.deepEqual(
        chain.devices.map((d) => d.id),
        ['gamayun'],
      );
      // Each step says which link led to it, and where that link is written.
      assert.equal(chain.steps[1]!.via?.field, 'data_asset_ref');
      assert.equal(chain.steps[1]!.via?.viaVolume, true);
      assert.equal(chain.steps[3]!.via?.field, 'lv_ref');
      assert.match(model.where(chain.steps[3]!.via!.span), /^topology\/L3-data\/storage-endpoints\/se-lvm\.yaml:\d+$/);
      assert.match(model.where(chain.steps[3]!.span), /^topology\/L3-data\/logical-volumes\/lv-pve-data\.yaml:\d+$/);
    });

    it('walks a dir endpoint through its mount point and filesystem', () => {
      assert.deepEqual(ids(storageChain(model, entity(model, 'storage_endpoint', 'se-local'))), [
        'se-local',
        'mnt-gamayun-root',
        'fs-pve-root',
        'lv-pve-root',
        'vg-pve',
        'part-gamayun-ssd-3',
        'attach-gamayun-sata-0',
        'disk-ssd-gamayun-boot',
        'gamayun',
      ]);
      assert.deepEqual(ids(storageChain(model, entity(model, 'storage_endpoint', 'se-opi5-docker'))), [
        'se-opi5-docker',
        'mnt-orangepi5-nvme',
        'fs-orangepi5-nvme',
        'part-orangepi5-nvme-data',
        'attach-orangepi5-m2-0',
        'disk-nvme-orangepi5',
        'orangepi5',
      ]);
    });

    it('starts at an LXC rootfs (through a _defaults anchor) and at a volume', () => {
      const rootfs = storageChain(model, entity(model, 'lxc', 'lxc-postgresql'));
      assert.deepEqual(ids(rootfs).slice(0, 3), ['lxc-postgresql', 'se-lvm', 'lv-pve-data']);
      assert.equal(rootfs.steps[1]!.via?.field, 'storage.rootfs.storage_endpoint_ref');
      assert.equal(rootfs.complete, true);
      assert.equal(ids(storageChain(model, entity(model, 'volume', 'vol-redis-data'))).at(-1), 'gamayun');
    });

    it('finds no loop, and every chain entity reaches a device', () => {
      assert.deepEqual(storageLoops(model), []);
      for (const kind of ['data_asset', 'storage_endpoint', 'volume', 'mount_point']) {
        for (const e of model.index.ofKind(kind)) assert.equal(storageChain(model, e).complete, true, `${kind} ${e.id}`);
      }
    });
  });

  it('reads the v4.0 shape: data asset → pool → the attachment of its disk to its device', () => {
    const { model } = loadSample('sample-v4');
    const chain = storageChain(model, entity(model, 'data_asset', 'data-postgresql-db'));
    assert.deepEqual(ids(chain), ['data-postgresql-db', 'storage-lvm', 'attach-gamayun-sata-0', 'disk-ssd-gamayun-boot', 'gamayun']);
    assert.equal(chain.steps[2]!.via?.derived, true);
    assert.equal(chain.complete, true);
    // Data on a host that is not Proxmox: v4.0 places it by its device alone.
    assert.deepEqual(ids(storageChain(model, entity(model, 'data_asset', 'data-mikrotik-config'))), ['data-mikrotik-config', 'mikrotik-chateau']);
    // A v4.0 asset with only a device is placed on that device.
    assert.deepEqual(ids(storageChain(model, entity(model, 'data_asset', 'data-proxmox-config'))), ['data-proxmox-config', 'gamayun']);
    // The rootfs of a v4.0 LXC, through the legacy storage_ref.
    assert.deepEqual(ids(storageChain(model, entity(model, 'lxc', 'lxc-redis'))).slice(0, 2), ['lxc-redis', 'storage-lvm']);
  });

  it('the later layout gives the same chains as the refactored one', () => {
    const a = loadSample('sample-refactored').model;
    const b = loadSample('sample-dir-sorted').model;
    for (const e of a.index.ofKind('data_asset')) assert.deepEqual(ids(storageChain(b, entity(b, 'data_asset', e.id))), ids(storageChain(a, e)), e.id);
  });

  describe('broken and forked chains', () => {
    const files = {
      'topology.yaml': [
        'L1_foundation:',
        '  devices:',
        '  - {id: srv-a, name: A, type: hypervisor, role: compute, class: compute, substrate: baremetal-owned, access: local-lan, specs: {storage_slots: [{id: slot-0, name: S0, bus: sata, mount: replaceable, connector: sata, description: d}, {id: slot-1, name: S1, bus: sata, mount: replaceable, connector: sata, description: d}]}}',
        '  media_registry:',
        '  - {id: disk-a, name: A, type: ssd, size_gb: 100}',
        '  - {id: disk-b, name: B, type: ssd, size_gb: 100}',
        '  media_attachments:',
        '  - {id: attach-a, device_ref: srv-a, slot_ref: slot-0, media_ref: disk-a, state: present}',
        '  - {id: attach-b, device_ref: srv-a, slot_ref: slot-1, media_ref: disk-b, state: present}',
        'L3_data:',
        '  partitions:',
        '  - {id: part-a, media_attachment_ref: attach-a, type: lvm-pv, size: remaining}',
        '  - {id: part-b, media_attachment_ref: attach-b, type: lvm-pv, size: remaining}',
        '  volume_groups:',
        '  - {id: vg-wide, name: wide, type: lvm, pv_refs: [part-a, part-b]}',
        '  logical_volumes:',
        '  - {id: lv-big, name: big, type: thick, vg_ref: vg-wide, size_gb: 150}',
        '  - {id: lv-lost, name: lost, type: thick}',
        '  filesystems:',
        '  - {id: fs-big, type: ext4, lv_ref: lv-big}',
        '  - {id: fs-lost, type: ext4, lv_ref: lv-lost}',
        '  mount_points:',
        '  - {id: mnt-big, path: /big, filesystem_ref: fs-big, device_ref: srv-a}',
        '  - {id: mnt-typo, path: /typo, filesystem_ref: fs-bgi, device_ref: srv-a}',
        '  - {id: mnt-lost, path: /lost, filesystem_ref: fs-lost, device_ref: srv-a}',
        '',
      ].join('\n'),
    };
    const { analysis } = analyzeFiles(files);
    const model = analysis.model!;

    it('forks at a volume group spanning two disks', () => {
      const chain = storageChain(model, entity(model, 'mount_point', 'mnt-big'));
      assert.deepEqual(ids(chain), ['mnt-big', 'fs-big', 'lv-big', 'vg-wide', 'part-a', 'attach-a', 'disk-a', 'srv-a']);
      const vg = (function find(n: ChainNode): ChainNode | undefined {
        return n.entity.id === 'vg-wide' ? n : n.below.map(find).find(Boolean);
      })(chain.root)!;
      assert.deepEqual(
        vg.below.map((n) => n.entity.id),
        ['part-a', 'part-b'],
      );
      assert.equal(chain.complete, true);
      assert.deepEqual(
        chain.devices.map((d) => d.id),
        ['srv-a'],
      );
    });

    it('names the broken step and stops at a dangling link', () => {
      const lost = storageChain(model, entity(model, 'mount_point', 'mnt-lost'));
      assert.deepEqual(ids(lost), ['mnt-lost', 'fs-lost', 'lv-lost']);
      assert.equal(lost.complete, false);
      assert.deepEqual(
        lost.breaks.map((b) => [b.entity.id, b.reason, b.field]),
        [['lv-lost', 'missing', 'vg_ref']],
      );
      assert.deepEqual(
        lost.steps[2]!.breaks.map((b) => b.reason),
        ['missing'],
      );

      const typo = storageChain(model, entity(model, 'mount_point', 'mnt-typo'));
      assert.deepEqual(ids(typo), ['mnt-typo']);
      assert.deepEqual(
        typo.unresolved.map((l) => [l.field, l.value]),
        [['filesystem_ref', 'fs-bgi']],
      );
      assert.equal(typo.complete, false);
      // The dangling value is ref-unknown's finding, never storage-chain-broken's.
      const onTypo = analysis.diagnostics.filter((d) => d.range.start.line === 23);
      assert.deepEqual(
        onTypo.map((d) => d.code),
        ['ref-unknown'],
      );
    });

    it('reports capacity per volume group across its disks', () => {
      // 150 GB fits the 200 GB of the two remaining partitions.
      assert.deepEqual(
        analysis.diagnostics.filter((d) => d.code === 'storage-capacity'),
        [],
      );
    });
  });

  describe('bundled samples', () => {
    for (const name of ['sample-v4', 'sample-refactored', 'sample-dir-sorted']) {
      it(`${name}: no errors from the storage rules; every deprecation names a known migration`, () => {
        const { analysis } = loadSample(name);
        const ours = analysis.diagnostics.filter((d) => STORAGE_RULES.includes(d.code));
        assert.deepEqual(
          ours.filter((d) => d.severity === 'error' || d.code !== 'deprecated-field'),
          [],
        );
        for (const d of ours) assert.ok(isMigrationId(String(d.data?.migration)), `${d.file}:${d.range.start.line + 1} has data.migration (${String(d.data?.migration)})`);
      });
    }

    it('sample-v4 reports each legacy shape the migrations replace', () => {
      const { analysis } = loadSample('sample-v4');
      const byMigration = new Map<string, number>();
      for (const d of analysis.diagnostics.filter((x) => x.code === 'deprecated-field')) byMigration.set(String(d.data?.migration), (byMigration.get(String(d.data?.migration)) ?? 0) + 1);
      assert.deepEqual([...byMigration.keys()].sort(), ['data-asset-taxonomy', 'external-services', 'platform-type', 'resource-profiles', 'service-config', 'service-runtime', 'storage-chain']);
      assert.equal(byMigration.get('service-config'), 2, 'lxc-postgresql and lxc-redis carry application keys');
    });
  });
});
