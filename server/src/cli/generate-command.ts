import { analyze, GENERATOR_NAMES, topologyDeclarations, Workspace } from '../core';
import * as path from 'node:path';
import { NodeFileSystem } from '../node/node-fs';
import { formatSummary, isOutOfDate, regenerate, type RegenerateResult } from '../node/generate-service';
import { paintFor, type Paint } from './color';
import { chosenMode, defineCommand, didYouMean, modeOptions, textOrJson, TEXT_OR_JSON_OPTION, displayPath, UsageError, workspaceDir, type Args, type CommandIO } from './args';

/** The modes besides writing: each writes nothing. */
const MODES = {
  'dry-run': 'list the files with size and status (new, changed, unchanged, stale); write nothing',
  diff: 'print a unified diff against the files on disk; write nothing',
  check: 'write nothing; list the outputs that are not up to date and exit 1 if there are any (for CI)',
} as const;

export const generateCommand = defineCommand({
  name: 'generate',
  usage: 'generate [DIR] [options]',
  summary: 'write Terraform, Ansible and docs from the topology',
  about: `Generates Terraform (Proxmox, MikroTik), the Ansible inventory and Markdown docs from the topology
in DIR (default: the current directory) into the output folder (output: in .strata.yaml, default
generated/). Generators whose inputs did not change since the last run are skipped.`,
  options: {
    only: { type: 'string', multiple: true, value: 'NAMES', help: `run only these generators, comma-separated (${GENERATOR_NAMES.join(', ')})` },
    out: { type: 'string', value: 'DIR', help: 'output folder (default: output: of .strata.yaml, relative to DIR)' },
    root: { type: 'string', value: 'FILE', help: 'root file, relative to DIR (default: topology.yaml, or root: in .strata.yaml)' },
    ...modeOptions(MODES),
    force: { type: 'boolean', help: 'overwrite or remove outputs edited by hand, and rerun skipped generators' },
    format: TEXT_OR_JSON_OPTION,
  },
  maxPositionals: 1,
  exit: `exit status: 0 done (with --check: every output up to date), 1 a generator failed, files were
blocked (edited by hand) or, with --check, outputs are not up to date; 2 usage error`,
  run: runGenerate,
});

type Mode = 'write' | keyof typeof MODES;

async function runGenerate(args: Args<'only' | 'out' | 'root' | 'dry-run' | 'diff' | 'check' | 'force' | 'format'>, io: CommandIO): Promise<number> {
  const mode: Mode = chosenMode(args, MODES, 'write');
  const format = textOrJson(args.string('format'));
  const only = args.list('only');
  const unknown = only.filter((n) => !(GENERATOR_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`--only: unknown generator '${unknown[0]}'${didYouMean(unknown[0]!, GENERATOR_NAMES)} (known: ${GENERATOR_NAMES.join(', ')})`);
  const dir = workspaceDir(args.positionals[0], io);
  const root = args.string('root');
  // Schema validation is `strata check`'s job and the slowest rule cold; generators read the model
  // defensively, so generate runs only the cheap reference rules to warn about a broken topology.
  const rules = { schema: 'off', 'schema-unknown-field': 'off', 'schema-unknown-value': 'off' } as const;
  const analysis = analyze(new Workspace(new NodeFileSystem(dir)), topologyDeclarations(), { oneShot: true, rules, ...(root ? { root } : {}) });
  if (!analysis.model) {
    io.err(`strata generate: no ${analysis.config.root} in ${dir}; nothing to generate\n`);
    return 2;
  }
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) io.err(`strata: the topology has ${errors} error${errors === 1 ? '' : 's'} (see strata check); generating from it anyway\n`);

  const out = args.string('out');
  const result = await regenerate({
    workspace: dir,
    model: analysis.model,
    config: analysis.config,
    toolVersion: io.version,
    ...(only.length ? { only } : {}),
    ...(out ? { outDir: path.resolve(io.cwd ?? '.', out) } : {}),
    mode: mode === 'check' ? 'dry-run' : mode,
    force: args.flag('force'),
  });
  const failed = result.summary.some((s) => s.status === 'failed');
  const blocked = result.report.changes.some((c) => c.action === 'blocked');
  const outOfDate = result.report.changes.filter(isOutOfDate);
  const code = failed || (blocked && mode === 'write') || (mode === 'check' && outOfDate.length > 0) ? 1 : 0;
  if (format === 'json') io.out(generateJson(result, mode));
  else printText(result, mode, { dir, paint: paintFor(io, args.flag('no-color')) }, io);
  return code;
}

/** Paths relative to the current directory and warnings in color, as `check` prints them. */
function printText(result: RegenerateResult, mode: Mode, text: { dir: string; paint: Paint }, io: CommandIO): void {
  const shown = (p: string) => displayPath(path.join(result.outDir, p), io);
  const source = (file: string) => displayPath(path.join(text.dir, file), io);
  for (const d of result.diagnostics) io.err(`${d.span ? `${source(d.span.file)}: ` : ''}${text.paint.severity(d.severity, `${d.severity}[${d.rule}]`)} ${d.generator}: ${d.message}\n`);
  const failed = result.summary.filter((s) => s.status === 'failed');
  if (mode === 'check') {
    const outOfDate = result.report.changes.filter(isOutOfDate);
    for (const s of failed) io.out(`${text.paint.severity('error', 'failed:')} ${s.generator}: ${(s.error ?? '').split('\n')[0]}\n`);
    for (const c of outOfDate) io.out(`${c.status.padEnd(8)} ${shown(c.path)}${c.reason ? `  (${c.reason})` : ''}\n`);
    if (outOfDate.length) io.out(`${text.paint.summary('warning', `${outOfDate.length} generated file${outOfDate.length === 1 ? ' is' : 's are'} not up to date; run strata generate to update`)}\n`);
    else if (!failed.length) io.out(`generated outputs are up to date (${result.report.changes.length} files in ${displayPath(result.outDir, io)})\n`);
    return;
  }
  if (mode === 'dry-run') {
    for (const c of result.report.changes) io.out(`  ${c.status.padEnd(9)} ${String(c.size).padStart(7)} B  ${shown(c.path)}${c.reason ? `  (${c.reason})` : ''}\n`);
  } else if (mode === 'diff') {
    for (const c of result.report.changes) if (c.diff) io.out(c.diff);
    for (const c of result.report.changes) if (c.action === 'blocked') io.err(`strata: ${shown(c.path)}: ${c.reason ?? c.status}\n`);
  } else {
    for (const c of result.report.changes) if (c.action === 'blocked') io.err(`strata: not overwritten: ${shown(c.path)} (${c.reason ?? c.status}); use --force\n`);
  }
  const verb = mode === 'write' ? { written: 'written', removed: 'removed' } : { written: 'to write', removed: 'to remove' };
  io.out(`${mode === 'write' ? 'generated' : mode}:\n${formatSummary(result, verb)}`);
}

/** The JSON report (its shape is documented in docs/cli.md; timings are left out so runs compare). */
export function generateJson(result: RegenerateResult, mode: Mode): string {
  const report = {
    mode,
    outDir: result.outDir,
    upToDate: !result.report.changes.some(isOutOfDate) && !result.summary.some((s) => s.status === 'failed'),
    generators: result.summary.map(({ ms: _ms, ...s }) => s),
    files: result.report.changes.map((c) => ({
      path: c.path,
      generator: c.generator,
      status: c.status,
      action: c.action,
      size: c.size,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.diff ? { diff: c.diff } : {}),
    })),
    diagnostics: result.diagnostics,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
