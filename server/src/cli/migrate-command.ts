import * as path from 'node:path';
import { isMigrationId, loadConfig, MIGRATIONS, runMigrations, topologyDeclarations, unifiedDiff, Workspace, type MigrationId, type MigrationRun } from '../core';
import { NodeFileSystem } from '../node/node-fs';
import { applyFileWrites } from '../node/atomic-files';
import { chosenMode, defineCommand, didYouMean, modeOptions, textOrJson, TEXT_OR_JSON_OPTION, displayPath, shellWord, UsageError, workspaceDir, type Args, type CommandIO } from './args';

const MODES = {
  'dry-run': 'list the files and entities that would change (the default)',
  diff: 'print a unified diff of every change',
  write: 'apply every change (each file written atomically) and print a summary',
  check: 'write nothing; list the pending migrations with their counts and exit 1 if there are any (for CI)',
} as const;

export const migrateCommand = defineCommand({
  name: 'migrate',
  usage: 'migrate [DIR] [options]',
  summary: "run the L3/L4 refactor's format migrations",
  about: `Runs the format migrations of the L3/L4 refactor on the topology workspace in DIR (default: the
current directory). Without a mode it lists what would change and writes nothing.`,
  options: {
    only: {
      type: 'string',
      multiple: true,
      value: 'ID,…',
      help: `run only these migrations (repeatable); ids:\n${Object.entries(MIGRATIONS)
        .map(([id, m]) => `  ${id.padEnd(22)} phase ${m.phase}: ${m.title}`)
        .join('\n')}`,
    },
    ...modeOptions(MODES),
    format: TEXT_OR_JSON_OPTION,
  },
  maxPositionals: 1,
  exit: 'exit status: 0 done (or nothing to do), 1 with --check: migrations are pending, 2 usage error, no topology or internal error',
  run: runMigrate,
});

type Mode = keyof typeof MODES;

function runMigrate(args: Args<'only' | 'dry-run' | 'diff' | 'write' | 'check' | 'format'>, io: CommandIO): number {
  const mode: Mode = chosenMode(args, MODES, 'dry-run');
  const format = textOrJson(args.string('format'));
  const only = args.list('only');
  for (const id of only) if (!isMigrationId(id)) throw new UsageError(`--only: unknown migration '${id}'${didYouMean(id, Object.keys(MIGRATIONS))} (known: ${Object.keys(MIGRATIONS).join(', ')})`);
  const dir = workspaceDir(args.positionals[0], io);
  const nfs = new NodeFileSystem(dir);
  const { root } = loadConfig(new Workspace(nfs)).config;
  if (nfs.stat(root).type !== 'file') {
    io.err(`strata migrate: no ${root} in ${dir}; nothing to migrate\n`);
    return 2;
  }
  const run = runMigrations(nfs, topologyDeclarations(), only.length ? { only: only as MigrationId[] } : {});
  const applied =
    mode === 'write' && run.files.length
      ? applyFileWrites(
          dir,
          run.files.map((f) => ({ path: f.path, text: f.after })),
        )
      : undefined;
  if (format === 'json') io.out(migrateJson(run, mode, applied));
  else printText(run, mode, applied, args.positionals[0] ?? '.', (f) => displayPath(path.join(dir, f), io), io);
  return mode === 'check' && run.files.length > 0 ? 1 : 0;
}

type Applied = ReturnType<typeof applyFileWrites>;

/** `shown` turns a workspace path into one relative to the current directory, as `check` prints it. */
function printText(run: MigrationRun, mode: Mode, applied: Applied | undefined, dirArg: string, shown: (file: string) => string, io: CommandIO): void {
  const files = `${run.files.length} file${run.files.length === 1 ? '' : 's'}`;
  if (run.files.length === 0) io.out('Nothing to migrate.\n');
  else if (mode === 'check') {
    for (const m of run.migrations) if (m.changes.length) io.out(`migration pending: ${m.id} (${m.title}): ${m.changes.length} change${m.changes.length === 1 ? '' : 's'}\n`);
    io.out(`${files} would change; apply with: strata migrate ${shellWord(dirArg)} --write\n`);
  } else if (mode === 'diff') for (const f of run.files) io.out(unifiedDiff(shown(f.path), f.before, f.after));
  else if (mode === 'dry-run') {
    io.out(listing(run, shown));
    io.out(`\n${files} would change; run with --diff to see how, --write to apply.\n`);
  } else if (applied) {
    io.out(listing(run, shown));
    io.out(`\nWrote ${applied.written.length} file${applied.written.length === 1 ? '' : 's'}${applied.removed.length ? `, removed ${applied.removed.length}` : ''}.\n`);
  }
  if (mode !== 'check') printFillIns(run, shown, io);
}

const fileStatus = (f: MigrationRun['files'][number]) => (f.before === undefined ? 'new' : f.after === undefined ? 'removed' : 'changed');

/** The JSON report (its shape is documented in docs/cli.md). */
export function migrateJson(run: MigrationRun, mode: Mode, applied: Applied | undefined): string {
  const report = {
    mode,
    pending: run.files.length > 0 && !applied,
    migrations: run.migrations.filter((m) => m.changes.length || m.fillIns.length).map((m) => ({ id: m.id, title: m.title, phase: MIGRATIONS[m.id].phase, changes: m.changes })),
    files: run.files.map((f) => ({ path: f.path, status: fileStatus(f), ...(mode === 'diff' ? { diff: unifiedDiff(f.path, f.before, f.after) } : {}) })),
    fillIns: run.fillIns.map((f) => ({
      message: f.message,
      confirm: f.confirm === true,
      ...(f.entity ? { entity: f.entity } : {}),
      ...(f.file ? { file: f.file } : {}),
      ...(f.place ? { place: f.place } : {}),
    })),
    ...(applied ? { written: applied.written, removed: applied.removed } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function listing(run: MigrationRun, shown: (file: string) => string): string {
  let out = 'Files:\n';
  for (const f of run.files) out += `  ${fileStatus(f).padEnd(7)} ${shown(f.path)}\n`;
  for (const m of run.migrations) {
    if (!m.changes.length) continue;
    out += `\n${m.id} (${m.title}):\n`;
    for (const c of m.changes) out += `  ${c.action.padEnd(8)} ${c.entity}${c.detail ? `  ${c.detail}` : ''}\n`;
  }
  return out;
}

function printFillIns(run: MigrationRun, shown: (file: string) => string, io: CommandIO): void {
  if (!run.fillIns.length) return;
  io.out(`\nTo fill in or check by hand (${run.fillIns.length}):\n`);
  // Each is an info, never an error: where it stands, then what to write or to confirm.
  for (const f of run.fillIns)
    io.out(`  ${f.place ? `${shown(f.place.file)}:${f.place.line}:${f.place.column}: ` : ''}info ${f.confirm ? 'to confirm' : 'to fill in'}: ${f.message.replace(/^to confirm: /, '')}\n`);
}
