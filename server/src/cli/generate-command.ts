import * as path from 'node:path';
import { analyze } from '../core/analysis';
import { GENERATOR_NAMES } from '../core/commands';
import { topologyDeclarations } from '../core/model/topology-schema';
import { Workspace } from '../core/workspace/workspace';
import { NodeFileSystem } from '../node/node-fs';
import { formatSummary, regenerate } from '../node/generate-service';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './check-command';

export const GENERATE_HELP = `usage: strata generate [DIR] [--only name,...] [--out DIR] [--dry-run | --diff] [--force]

Generates Terraform (Proxmox, MikroTik), the Ansible inventory and Markdown docs from the topology
in DIR (default: the current directory) into the output folder (output: in .strata.yaml, default
generated/). Generators whose inputs did not change since the last run are skipped.

options:
  --only NAMES   run only these generators (${GENERATOR_NAMES.join(', ')})
  --out DIR      output folder (default: output: of .strata.yaml, relative to DIR)
  --dry-run      list the files with size and status (new, changed, unchanged, stale); write nothing
  --diff         print a unified diff against the files on disk; write nothing
  --force        overwrite or remove outputs edited by hand, and rerun skipped generators

exit status: 0 done, 1 a generator failed or files were blocked (edited by hand), 2 usage error
`;

export async function generateCommand(argv: string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, new Set(['only', 'out', 'root']), new Set(['dry-run', 'diff', 'force', 'help']));
  if (args.flags.has('help')) {
    io.out(GENERATE_HELP);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('generate takes one directory');
  if (args.flags.has('dry-run') && args.flags.has('diff')) throw new UsageError('--dry-run and --diff exclude each other');
  const only = args.flags.get('only')?.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((n) => !(GENERATOR_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`--only: unknown generator '${unknown[0]}' (known: ${GENERATOR_NAMES.join(', ')})`);
  const dir = path.resolve(args.positionals[0] ?? '.');
  const nfs = new NodeFileSystem(dir);
  if (nfs.stat('').type !== 'directory') throw new UsageError(`not a directory: ${dir}`);
  const root = args.flags.get('root')?.at(-1);
  // Schema validation is `strata check`'s job and the slowest rule cold; generators read the model
  // defensively, so generate runs only the cheap reference rules to warn about a broken topology.
  const rules = { schema: 'off', 'schema-unknown-field': 'off', 'schema-unknown-value': 'off' } as const;
  const analysis = analyze(new Workspace(nfs), topologyDeclarations(), { oneShot: true, rules, ...(root ? { root } : {}) });
  if (!analysis.model) {
    io.err(`strata: no ${analysis.config.root} in ${dir}; nothing to generate\n`);
    return 2;
  }
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) io.err(`strata: the topology has ${errors} error${errors === 1 ? '' : 's'} (see strata check); generating from it anyway\n`);

  const mode = args.flags.has('dry-run') ? 'dry-run' : args.flags.has('diff') ? 'diff' : 'write';
  const out = args.flags.get('out')?.at(-1);
  const result = await regenerate({
    workspace: dir,
    model: analysis.model,
    config: analysis.config,
    toolVersion: io.version,
    ...(only ? { only } : {}),
    ...(out ? { outDir: path.resolve(out) } : {}),
    mode,
    force: args.flags.has('force'),
  });
  for (const d of result.diagnostics) {
    const where = d.span ? `${d.span.file}: ` : '';
    io.err(`${where}${d.severity}[${d.rule}] ${d.generator}: ${d.message}\n`);
  }
  if (mode === 'dry-run') {
    for (const c of result.report.changes) io.out(`  ${c.status.padEnd(9)} ${String(c.size).padStart(7)} B  ${c.path}${c.reason ? `  (${c.reason})` : ''}\n`);
  } else if (mode === 'diff') {
    for (const c of result.report.changes) if (c.diff) io.out(c.diff);
    for (const c of result.report.changes) if (c.action === 'blocked') io.err(`strata: ${c.path}: ${c.reason ?? c.status}\n`);
  } else {
    for (const c of result.report.changes) if (c.action === 'blocked') io.err(`strata: not overwritten: ${c.path} (${c.reason ?? c.status}); use --force\n`);
  }
  const verb = mode === 'write' ? { written: 'written', removed: 'removed' } : { written: 'to write', removed: 'to remove' };
  io.out(`${mode === 'write' ? 'generated' : mode}:\n${formatSummary(result, verb)}`);
  const failed = result.summary.some((s) => s.status === 'failed');
  const blocked = result.report.changes.some((c) => c.action === 'blocked');
  return failed || (blocked && mode === 'write') ? 1 : 0;
}
