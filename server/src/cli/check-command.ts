import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allFiles, AnalysisHost, discover, FLUX_APPS_DIR, followsHouseLayout, isSeverity, RULES_BY_ID, topologyDeclarations, Workspace, type SeveritySetting } from '../core';
import { NodeFileSystem } from '../node/node-fs';
import { defineCommand, didYouMean, displayPath, UsageError, workspaceDir, type Args, type CommandIO } from './args';
import { paintFor } from './color';
import { formatJson, formatSarif, formatText, summarize } from './format-diagnostics';

export const checkCommand = defineCommand({
  name: 'check',
  usage: 'check [DIR] [options]',
  summary: 'report problems in the topology and the Kubernetes manifests',
  about: `Checks the workspace in DIR (default: the current directory): the topology (topology.yaml, or
root: in .strata.yaml) and the Kubernetes manifests (kubernetes/base/<service>/ and flux/apps/).
Text output is one line per finding, path:line:col: severity rule: message, with paths relative to
the current directory, in color on a terminal; infos and hints are counted, and listed with --verbose.`,
  options: {
    format: { type: 'string', value: 'FORMAT', help: 'text, json or sarif (default: text)' },
    strict: { type: 'boolean', help: 'exit 1 on warnings too' },
    rule: { type: 'string', multiple: true, value: 'ID=SEVERITY', help: "set a rule's severity (off, hint, info, warning, error); repeatable" },
    root: { type: 'string', value: 'FILE', help: 'root file, relative to DIR (default: topology.yaml, or root: in .strata.yaml)' },
    only: { type: 'string', value: 'topology|k8s', help: 'check only the topology or only the Kubernetes manifests' },
    verbose: { type: 'boolean', help: 'text output: list infos and hints too (the summary always counts them)' },
  },
  maxPositionals: 1,
  exit: 'exit status: 0 clean, 1 errors found (or warnings with --strict), 2 usage error, nothing to check or internal error',
  run: runCheck,
});

function runCheck(args: Args<'format' | 'strict' | 'rule' | 'root' | 'only' | 'verbose'>, io: CommandIO): number {
  const dir = workspaceDir(args.positionals[0], io);
  const format = args.string('format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not '${format}'${didYouMean(format, ['text', 'json', 'sarif'])}`);
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of args.strings('rule')) {
    const [id, sev] = spec.split('=');
    if (!id || !RULES_BY_ID.has(id)) throw new UsageError(`--rule: unknown rule id '${id ?? ''}'${didYouMean(id ?? '', RULES_BY_ID.keys())}`);
    if (!isSeverity(sev)) throw new UsageError(`--rule ${id}: severity must be off, hint, info, warning or error`);
    rules[id] = sev;
  }
  const nfs = new NodeFileSystem(dir);
  const ws = new Workspace(nfs);
  const root = args.string('root');
  const only = args.string('only');
  if (only !== undefined && only !== 'topology' && only !== 'k8s') throw new UsageError(`--only must be topology or k8s, not '${only}'`);
  const analysis = new AnalysisHost(ws, topologyDeclarations()).analyze({
    oneShot: true,
    rules,
    ...(root ? { root } : {}),
    ...(only === 'k8s' ? { skipTopology: true } : {}),
    kubernetes: only !== 'topology',
  });
  const k8s = only === 'topology' ? undefined : discover(ws, analysis.config.kubernetesBase);
  const nothing = nothingToCheck(analysis.model !== undefined, k8s !== undefined, only);
  if (nothing) {
    const looked = [...(only === 'k8s' ? [] : [analysis.config.root]), ...(only === 'topology' ? [] : [`${analysis.config.kubernetesBase.replace(/\/?$/, '/')} or ${FLUX_APPS_DIR}/`])];
    const hint = only === 'k8s' ? '' : ' (for another root file: --root FILE, or root: in .strata.yaml)';
    io.err(`strata check: no ${looked.join(' and no ')} in ${dir}; nothing to check${hint}\n`);
    return 2;
  }
  if (k8s && only === 'k8s' && !followsHouseLayout(k8s, analysis.config))
    io.err(`strata: ${analysis.config.kubernetesBase} has no flux/apps beside it and .strata.yaml has no kubernetes section; the house rules do not apply, only YAML syntax is checked\n`);
  const diags = analysis.diagnostics;
  const summary = summarize(diags, analysis.files.length + (k8s ? allFiles(k8s).length : 0), analysis.model?.entities.length ?? 0);
  if (format === 'json') io.out(formatJson(diags, summary));
  else if (format === 'sarif') io.out(formatSarif(diags, io.version, pathToFileURL(`${dir}${path.sep}`).href));
  else
    io.out(
      formatText(diags, summary, { verbose: args.flag('verbose'), dir: args.positionals[0] ?? '.', pathOf: (f) => displayPath(path.join(dir, f), io), paint: paintFor(io, args.flag('no-color')) }),
    );
  if (summary.errors > 0) return 1;
  if (args.flag('strict') && summary.warnings > 0) return 1;
  return 0;
}

/** Whether none of what `--only` asks to check exists. */
function nothingToCheck(hasTopology: boolean, hasKubernetes: boolean, only: string | undefined): boolean {
  if (only === 'topology') return !hasTopology;
  if (only === 'k8s') return !hasKubernetes;
  return !hasTopology && !hasKubernetes;
}
