/**
 * The bundled v4.0 sample, migrated with every migration: clean under `strata check`, idempotent,
 * and equivalent to the hand-written sample-refactored (same entities by kind and id, same refs),
 * modulo what test-fixtures/README.md documents: storage-X → se-X, and what v4.0 data cannot say
 * (the storage a person described by hand, and the names they gave resource profiles).
 */
import * as assert from 'node:assert/strict';
import { guestResources } from '../../server/src/core/model/canonical';
import type { TopologyModel } from '../../server/src/core/model/model';
import { migrateFiles } from '../helpers/migrate';
import { analysisOf, modelOf, sampleFiles } from '../helpers/samples';

/**
 * Storage sample-refactored describes that no v4.0 pool recorded: partitions 1-2 of gamayun's boot
 * SSD (the pool names only /dev/sda3) and the Orange Pi's root partition (its pool names only
 * /dev/nvme0n1p2). The migration reports both gaps as fill-ins (asserted below).
 */
const HAND_DESCRIBED = new Set([
  'partition:part-gamayun-ssd-efi',
  'partition:part-gamayun-ssd-swap',
  'partition:part-opi5-nvme-root',
  'filesystem:fs-opi5-root',
  'mount_point:mnt-opi5-root',
]);

/** Placements a person writes once storage is described; the migration cannot know them. */
const FILLED_IN = new Set<string>();

const key = (e: { kind: string; id: string }) => `${e.kind}:${e.id}`;

function entities(m: TopologyModel): string[] {
  // Profiles are compared by what they give each guest (their names are a person's choice).
  return m.entities.filter((e) => e.kind !== 'resource_profile' && !HAND_DESCRIBED.has(key(e))).map(key).sort();
}

function refs(m: TopologyModel): string[] {
  const hand = new Set([...HAND_DESCRIBED].map((k) => k.split(':')[1]));
  return m.refs
    .filter((r) => r.field !== 'resource_profile_ref' && !(r.from && HAND_DESCRIBED.has(key(r.from))) && !hand.has(r.value))
    .map((r) => `${r.from ? key(r.from) : '-'} ${r.path.filter((p) => typeof p === 'string').join('.').replace(/^.*?\b(\w+)$/, '$1')} -> ${r.value}`)
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
    assert.deepEqual(migrateFiles(after).run.files.map((f) => f.path), []);
  });

  it('leaves no errors, and deprecated-field warnings only where storage must be described by hand', () => {
    const diags = analysisOf(after).diagnostics;
    assert.deepEqual(diags.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`), []);
    const left = diags.filter((d) => d.code === 'deprecated-field').map((d) => `${d.file} ${String(d.data?.field)}`);
    // Every asset is placed through the storage chain its v4.0 pool becomes: no legacy field is left.
    assert.deepEqual(left.sort(), []);
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
    assert.deepEqual(run.migrations.flatMap((m) => m.renames).map((r) => `${r.from}→${r.to}`), ['storage-local→se-local', 'storage-lvm→se-lvm', 'storage-hdd→se-hdd', 'storage-opi5-docker→se-opi5-docker']);
    const values = migrated.refs.map((r) => r.value);
    assert.ok(!values.some((v) => v.startsWith('storage-')));
    const backups = migrated.refs.filter((r) => r.from?.kind === 'backup_policy' && r.value === 'se-hdd');
    assert.equal(backups.length, 5);
  });

  it('reports what a person must describe: the missing partitions and the sizes and filesystems the pools never recorded', () => {
    const text = run.fillIns.map((f) => f.message).join('\n');
    assert.match(text, /attach-gamayun-sata-0 .*partition 3/);
    assert.match(text, /attach-orangepi5-m2-0 .*partition 2/);
    assert.match(text, /partition part-orangepi5-nvme-data \(\/dev\/nvme0n1p2\): write its size/);
    assert.match(text, /filesystem fs-orangepi5-nvme and partition part-orangepi5-nvme-data: write the filesystem type/);
  });
});
