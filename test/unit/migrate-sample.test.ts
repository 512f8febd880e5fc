/**
 * The bundled v4.0 sample, migrated with every migration: clean under `strata check`, idempotent,
 * and equivalent to the hand-written sample-refactored (same entities by kind and id, same refs),
 * modulo what test-fixtures/README.md documents: storage-X → se-X, and what v4.0 data cannot say
 * (the storage a person described by hand, and the names they gave resource profiles). The values
 * the Proxmox installer's layout implies are written and listed to be confirmed.
 */
import * as assert from 'node:assert/strict';
import { guestResources } from '../../server/src/core/model/canonical';
import { get, scalar, str, toJS } from '../../server/src/core/workspace/nodes';
import type { TopologyModel } from '../../server/src/core/model/model';
import { migrateFiles } from '../helpers/migrate';
import { analysisOf, modelOf, sampleFiles } from '../helpers/samples';

/**
 * Storage sample-refactored describes that no v4.0 pool recorded: the Orange Pi's NVMe (v4.0 has no
 * pool there; its data assets are placed by device_ref alone, as the format places data on a host
 * that is not Proxmox), with the Docker storage endpoint on it.
 */
const HAND_DESCRIBED = new Set([
  'partition:part-opi5-nvme-root',
  'filesystem:fs-opi5-root',
  'mount_point:mnt-opi5-root',
  'partition:part-orangepi5-nvme-data',
  'filesystem:fs-orangepi5-nvme',
  'mount_point:mnt-orangepi5-nvme',
  'storage_endpoint:se-opi5-docker',
]);

/** Placements a person writes once storage is described (refactored) against what v4.0 said (migrated). */
const FILLED_IN = new Set<string>([
  'data_asset:data-mikrotik-config storage_endpoint_ref -> se-hdd',
  'data_asset:data-mikrotik-config device_ref -> mikrotik-chateau',
  'data_asset:data-nextcloud device_ref -> orangepi5',
  'data_asset:data-jellyfin-media device_ref -> orangepi5',
]);

const key = (e: { kind: string; id: string }) => `${e.kind}:${e.id}`;

function entities(m: TopologyModel): string[] {
  // Profiles are compared by what they give each guest (their names are a person's choice).
  return m.entities
    .filter((e) => e.kind !== 'resource_profile' && !HAND_DESCRIBED.has(key(e)))
    .map(key)
    .sort();
}

function refs(m: TopologyModel): string[] {
  const hand = new Set([...HAND_DESCRIBED].map((k) => k.split(':')[1]));
  return m.refs
    .filter((r) => r.field !== 'resource_profile_ref' && !(r.from && HAND_DESCRIBED.has(key(r.from))) && !hand.has(r.value))
    .map(
      (r) =>
        `${r.from ? key(r.from) : '-'} ${r.path
          .filter((p) => typeof p === 'string')
          .join('.')
          .replace(/^.*?\b(\w+)$/, '$1')} -> ${r.value}`,
    )
    .filter((s) => !FILLED_IN.has(s))
    .sort();
}

describe('strata migrate on sample-v4', () => {
  const v4 = sampleFiles('sample-v4');
  const { run, after } = migrateFiles(v4);
  const migrated = modelOf(after);
  const refactored = modelOf(sampleFiles('sample-refactored'));

  it('converges, and a second run plans nothing', () => {
    assert.equal(run.converged, true);
    assert.deepEqual(
      migrateFiles(after).run.files.map((f) => f.path),
      [],
    );
  });

  it('leaves no errors and nothing deprecated', () => {
    const diags = analysisOf(after).diagnostics;
    assert.deepEqual(
      diags.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`),
      [],
    );
    assert.deepEqual(
      diags.filter((d) => d.tags?.includes('deprecated')).map((d) => `${d.file}: ${d.code} ${d.message}`),
      [],
    );
  });

  it('derives the Proxmox installer layout of gamayun’s boot SSD from its pools', () => {
    const m = migrated;
    const part = (id: string) => m.index.first('partition', id)?.node;
    assert.deepEqual(
      ['part-gamayun-ssd-1', 'part-gamayun-ssd-2', 'part-gamayun-ssd-3'].map((id) => [str(get(part(id), 'media_attachment_ref')), scalar(get(part(id), 'number')), str(get(part(id), 'type'))]),
      [
        ['attach-gamayun-sata-0', 1, 'efi'],
        ['attach-gamayun-sata-0', 2, 'swap'],
        ['attach-gamayun-sata-0', 3, 'lvm-pv'],
      ],
    );
    assert.equal(scalar(get(part('part-gamayun-ssd-1'), 'size_mb')), 512);
    assert.equal(str(get(part('part-gamayun-ssd-3'), 'size')), 'remaining');
    assert.deepEqual(toJS(get(m.index.first('volume_group', 'vg-pve')?.node, 'pv_refs')), ['part-gamayun-ssd-3']);
    // `local` (/var/lib/vz) is a directory on `/`, which is the root LV; `local-lvm` is the thin pool.
    const local = m.index.first('storage_endpoint', 'se-local')!;
    const mount = m.index.first('mount_point', str(get(local.node, 'mount_point_ref')))!;
    assert.equal(str(get(mount.node, 'path')), '/');
    const fs = m.index.first('filesystem', str(get(mount.node, 'filesystem_ref')))!;
    assert.equal(str(get(fs.node, 'lv_ref')), 'lv-pve-root');
    assert.equal(str(get(m.index.first('storage_endpoint', 'se-lvm')?.node, 'lv_ref')), 'lv-pve-data');
    assert.equal(str(get(m.index.first('logical_volume', 'lv-pve-data')?.node, 'type')), 'thin-pool');
  });

  it('keeps device_ref, and only that, on data of hosts that are not Proxmox', () => {
    for (const id of ['data-nextcloud', 'data-jellyfin-media', 'data-mikrotik-config']) {
      const a = migrated.index.first('data_asset', id)!;
      assert.ok(str(get(a.node, 'device_ref')), id);
      for (const k of ['storage_ref', 'storage_endpoint_ref', 'mount_point_ref']) assert.equal(get(a.node, k), undefined, `${id}.${k}`);
    }
  });

  it('has the entities of sample-refactored', () => {
    assert.deepEqual(entities(migrated), entities(refactored));
  });

  it('has the refs of sample-refactored', () => {
    assert.deepEqual(refs(migrated), refs(refactored));
  });

  it('gives every guest the resources sample-refactored gives it', () => {
    for (const kind of ['lxc', 'vm']) {
      for (const g of refactored.index.ofKind(kind)) {
        const m = migrated.index.first(kind, g.id)!;
        const a = guestResources(m, migrated.index);
        const b = guestResources(g, refactored.index);
        assert.deepEqual([a.cores, a.memoryMb, a.swapMb ?? 0], [b.cores, b.memoryMb, b.swapMb ?? 0], g.id);
      }
    }
  });

  it('renames storage-X to se-X with every ref, the backup policies included', () => {
    assert.deepEqual(
      run.migrations.flatMap((m) => m.renames).map((r) => `${r.from}→${r.to}`),
      ['storage-local→se-local', 'storage-lvm→se-lvm', 'storage-hdd→se-hdd'],
    );
    const values = migrated.refs.map((r) => r.value);
    assert.ok(!values.some((v) => v.startsWith('storage-')));
    const backups = migrated.refs.filter((r) => r.from?.kind === 'backup_policy' && r.value === 'se-hdd');
    assert.equal(backups.length, 5);
  });

  it('lists what it wrote to be confirmed as infos at their place, and nothing it could not place', () => {
    const confirm = run.fillIns.filter((f) => f.confirm).map((f) => `${f.place?.file}: ${f.message}`);
    assert.deepEqual(confirm.filter((c) => /part-gamayun-ssd-[12]|lv-pve-root|fs-pve-root/.test(c)).length, 4);
    assert.ok(
      confirm.some((c) => c.startsWith('topology/L3-data/partitions/part-gamayun-ssd-2.yaml: to confirm: partition part-gamayun-ssd-2: size_gb 8')),
      confirm.join('\n'),
    );
    assert.ok(
      run.fillIns.filter((f) => f.confirm && f.entity).every((f) => f.place),
      'every value to confirm on an entity has its place',
    );
    // Nothing is left that only a person can supply about placement.
    assert.deepEqual(
      run.fillIns.filter((f) => f.left).map((f) => f.message),
      [],
    );
  });
});
