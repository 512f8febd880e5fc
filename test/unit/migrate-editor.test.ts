import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analysis';
import { migrateWorkspace, migrationQuickFixes, pendingMigrations, type WorkspaceEditData } from '../../server/src/core/migrations/editor-actions';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { LineIndex } from '../../server/src/core/text/line-index';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { migrateFiles } from '../helpers/migrate';
import { sampleFiles } from '../helpers/samples';

/** Applies a plain-data workspace edit the way an editor does (edits from the end of each file). */
function applyEdit(files: Record<string, string>, edit: WorkspaceEditData): Record<string, string> {
  const out = { ...files };
  for (const c of edit.changes) {
    const text = out[c.file]!;
    const idx = new LineIndex(text);
    const edits = c.edits.map((e) => ({ start: idx.offset(e.range.start), end: idx.offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
    let t = text;
    for (const e of edits) t = t.slice(0, e.start) + e.text + t.slice(e.end);
    out[c.file] = t;
  }
  for (const f of edit.create) out[f.file] = f.text;
  for (const f of edit.delete) delete out[f];
  return out;
}

describe('migrations in the editor', () => {
  const files = sampleFiles('sample-v4');
  const fs = new MemoryFileSystem(files);
  const diags = analyze(new Workspace(fs), topologyDeclarations()).diagnostics.filter((d) => d.code === 'deprecated-field');

  it('legacy shapes are hints tagged deprecated (editors strike them through), and keep their migration quick fix', () => {
    const all = analyze(new Workspace(fs), topologyDeclarations()).diagnostics;
    const legacy = all.filter((d) => d.code === 'deprecated-field' || d.code === 'service-ip-redundant');
    assert.ok(legacy.some((d) => d.code === 'service-ip-redundant'));
    for (const d of legacy) assert.deepEqual([d.severity, d.tags], ['hint', ['deprecated']], `${d.file}:${d.range.start.line + 1} ${d.code}`);
    assert.ok(all.filter((d) => !legacy.includes(d)).every((d) => d.tags === undefined));
    const redundant = legacy.find((d) => d.code === 'service-ip-redundant' && d.file === 'topology/L5-application/services/svc-grafana.yaml')!;
    const titles = migrationQuickFixes(fs, topologyDeclarations(), redundant).map((a) => a.title);
    assert.ok(titles.includes('Migrate: Remove external_services and redundant service IPs (whole workspace)'), titles.join(', '));
    const fixed = applyEdit(files, migrationQuickFixes(fs, topologyDeclarations(), redundant).at(-1)!.edit);
    assert.doesNotMatch(fixed['topology/L5-application/services/svc-grafana.yaml']!, /^ip: 10\.0\.30\.30$/m);
  });

  it('offers "this item" and "whole workspace" on a deprecated-field finding', () => {
    const d = diags.find((x) => x.file === 'topology/L5-application/services/svc-redis.yaml' && x.data?.field === 'lxc_ref')!;
    const [item, all] = migrationQuickFixes(fs, topologyDeclarations(), d);
    assert.equal(item!.title, 'Migrate: Service runtime block');
    assert.equal(all!.title, 'Migrate: Service runtime block (whole workspace)');
    assert.deepEqual(
      item!.edit.changes.map((c) => c.file),
      ['topology/L5-application/services/svc-redis.yaml'],
    );
    assert.ok(all!.edit.changes.length > 10);
    const after = applyEdit(files, item!.edit);
    assert.match(after['topology/L5-application/services/svc-redis.yaml']!, /^runtime:\n {2}type: lxc\n {2}target_ref: lxc-redis\n/m);
  });

  it('lists pending migrations with counts', () => {
    const pending = pendingMigrations(fs, topologyDeclarations());
    const byId = Object.fromEntries(pending.map((p) => [p.id, p.count]));
    assert.equal(byId['service-runtime'], 13);
    assert.equal(byId['platform-type'], 4);
    assert.equal(byId['l3-modular-layout'], 2);
    assert.ok(pending.every((p) => p.count > 0));
  });

  it('"Migrate workspace…" gives one edit equal to the CLI result, with a preview', () => {
    const all = ['storage-chain', 'l3-modular-layout', 'data-asset-taxonomy', 'resource-profiles', 'lxc-volumes', 'platform-type', 'service-config', 'service-runtime', 'external-services'] as const;
    const { edit, preview } = migrateWorkspace(fs, topologyDeclarations(), all);
    assert.deepEqual(applyEdit(files, edit), migrateFiles(files).after);
    assert.match(preview, /^--- a\/topology\/L3-data\.yaml\n\+\+\+ \/dev\/null$/m);
  });
});
