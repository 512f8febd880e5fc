import * as path from 'node:path';
import { isMigrationId, MIGRATIONS, type MigrationId } from '../core/migrations/ids';
import { runMigrations, type MigrationRun } from '../core/migrations/runner';
import { unifiedDiff } from '../core/text/line-diff';
import { topologyDeclarations } from '../core/model/topology-schema';
import { NodeFileSystem } from '../node/node-fs';
import { applyFileWrites } from '../node/atomic-files';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './check-command';

export const MIGRATE_HELP = `usage: strata migrate [DIR] [--only ID,…] [--dry-run | --diff | --write]

Runs the format migrations of the L3/L4 refactor (ADR-0026) on the topology workspace in DIR
(default: the current directory).

options:
  --only ID,…   run only these migrations (repeatable); ids:
${Object.entries(MIGRATIONS).map(([id, m]) => `                  ${id.padEnd(22)} phase ${m.phase}: ${m.title}`).join('\n')}
  --dry-run     list the files and entities that would change (the default)
  --diff        print a unified diff of every change
  --write       apply every change (each file written atomically) and print a summary

exit status: 0 done (or nothing to do), 2 usage or internal error
`;

export function migrateCommand(argv: string[], io: CommandIO): number {
  const args = parseArgs(argv, new Set(['only']), new Set(['dry-run', 'diff', 'write', 'help']));
  if (args.flags.has('help')) {
    io.out(MIGRATE_HELP);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('migrate takes one directory');
  const modes = ['dry-run', 'diff', 'write'].filter((m) => args.flags.has(m));
  if (modes.length > 1) throw new UsageError(`choose one of --dry-run, --diff and --write, not ${modes.map((m) => `--${m}`).join(' and ')}`);
  const mode = modes[0] ?? 'dry-run';
  const only = (args.flags.get('only') ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const id of only) if (!isMigrationId(id)) throw new UsageError(`--only: unknown migration '${id}' (known: ${Object.keys(MIGRATIONS).join(', ')})`);
  const dir = path.resolve(args.positionals[0] ?? '.');
  const nfs = new NodeFileSystem(dir);
  if (nfs.stat('').type !== 'directory') throw new UsageError(`not a directory: ${dir}`);
  const run = runMigrations(nfs, topologyDeclarations(), only.length ? { only: only as MigrationId[] } : {});
  if (run.files.length === 0) {
    io.out('Nothing to migrate.\n');
    printFillIns(run, io);
    return 0;
  }
  if (mode === 'diff') {
    for (const f of run.files) io.out(unifiedDiff(f.path, f.before, f.after));
    printFillIns(run, io);
    return 0;
  }
  if (mode === 'dry-run') {
    io.out(listing(run));
    io.out(`\n${run.files.length} file${run.files.length === 1 ? '' : 's'} would change; run with --diff to see how, --write to apply.\n`);
    printFillIns(run, io);
    return 0;
  }
  const { written, removed } = applyFileWrites(dir, run.files.map((f) => ({ path: f.path, text: f.after })));
  io.out(listing(run));
  io.out(`\nWrote ${written.length} file${written.length === 1 ? '' : 's'}${removed.length ? `, removed ${removed.length}` : ''}.\n`);
  printFillIns(run, io);
  return 0;
}

function listing(run: MigrationRun): string {
  let out = 'Files:\n';
  for (const f of run.files) out += `  ${f.before === undefined ? 'new    ' : f.after === undefined ? 'removed' : 'changed'} ${f.path}\n`;
  for (const m of run.migrations) {
    if (!m.changes.length) continue;
    out += `\n${m.id} (${m.title}):\n`;
    for (const c of m.changes) out += `  ${c.action.padEnd(8)} ${c.entity}${c.detail ? `  ${c.detail}` : ''}\n`;
  }
  return out;
}

function printFillIns(run: MigrationRun, io: CommandIO): void {
  if (!run.fillIns.length) return;
  io.out(`\nTo fill in or check by hand (${run.fillIns.length}):\n`);
  // Each is an info, never an error: where it stands, then what to write or to confirm.
  for (const f of run.fillIns) io.out(`  ${f.place ? `${f.place.file}:${f.place.line}:${f.place.column}: ` : ''}info ${f.confirm ? 'to confirm' : 'to fill in'}: ${f.message.replace(/^to confirm: /, '')}\n`);
}
