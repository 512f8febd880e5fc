/**
 * One data-driven test per folder of test/fixtures/migrations: `<id>/before/` migrated with that
 * migration alone must give exactly `<id>/after/` (every file, byte for byte: comments, order,
 * quoting and anchors of what the migration does not change are part of the comparison), and
 * running it again on `after/` must plan nothing. STRATA_UPDATE_FIXTURES=1 rewrites `after/`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { isMigrationId } from '../../server/src/core/model/migration-ids';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { migrateFiles } from '../helpers/migrate';
import { readTree, writeTree } from '../helpers/workspace-files';

const ROOT = path.join(__dirname, '../../../test/fixtures/migrations');

function errors(files: Record<string, string>): string[] {
  const a = analyze(new Workspace(new MemoryFileSystem(files)), topologyDeclarations());
  return a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
}

describe('migration fixtures', () => {
  for (const dir of fs.readdirSync(ROOT).sort()) {
    const id = dir.replace(/--.*$/, '');
    if (!fs.statSync(path.join(ROOT, dir)).isDirectory()) continue;
    describe(dir, () => {
      const before = readTree(path.join(ROOT, dir, 'before'));
      const afterDir = path.join(ROOT, dir, 'after');
      const { run, after } = migrateFiles(before, isMigrationId(id) ? { only: [id] } : {});
      if (process.env.STRATA_UPDATE_FIXTURES) writeTree(afterDir, after);
      const expected = readTree(afterDir);

      it('changes something', () => {
        assert.ok(run.files.length > 0, 'the migration planned nothing on before/');
      });
      it('gives after/ exactly', () => {
        assert.deepEqual(Object.keys(after).sort(), Object.keys(expected).sort());
        for (const f of Object.keys(expected)) assert.equal(after[f], expected[f], f);
      });
      it('keeps every comment line of before/ that is not on a removed entity', () => {
        const afterText = Object.values(after).join('\n');
        const lost = Object.values(before)
          .flatMap((t) => t.split('\n'))
          .map((l) => l.trim())
          .filter((l) => l.startsWith('#') && !afterText.includes(l));
        const allowed = new Set(
          (fs.existsSync(path.join(ROOT, dir, 'dropped-comments.txt')) ? fs.readFileSync(path.join(ROOT, dir, 'dropped-comments.txt'), 'utf8') : '')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        );
        assert.deepEqual(
          lost.filter((l) => !allowed.has(l)),
          [],
        );
      });
      it('plans nothing on after/ (idempotent)', () => {
        assert.deepEqual(
          migrateFiles(expected, isMigrationId(id) ? { only: [id] } : {}).run.files.map((f) => f.path),
          [],
        );
      });
      it('leaves no errors that before/ did not have', () => {
        const old = new Set(errors(before));
        assert.deepEqual(
          errors(expected).filter((e) => !old.has(e)),
          [],
        );
      });
    });
  }
});
