import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { runMigrations, type MigrationRun, type RunOptions } from '../../server/src/core/migrations/runner';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';

/** Runs migrations on an in-memory workspace; returns the run and the files after it. */
export function migrateFiles(files: Record<string, string>, options: RunOptions = {}): { run: MigrationRun; after: Record<string, string> } {
  const run = runMigrations(new MemoryFileSystem(files), topologyDeclarations(), options);
  const after = { ...files };
  for (const f of run.files) {
    if (f.after === undefined) delete after[f.path];
    else after[f.path] = f.after;
  }
  return { run, after };
}
