import * as path from 'node:path';
import { analyze } from '../core/analysis';
import { followsHouseLayout, kubernetesFindings } from '../core/kubernetes/check';
import { allFiles, discover } from '../core/kubernetes/discovery';
import { RULES_BY_ID } from '../core/rules/registry';
import { isSeverity } from '../core/config/strata-config';
import { topologyDeclarations } from '../core/model/topology-schema';
import type { SeveritySetting } from '../core/types';
import { Workspace } from '../core/workspace/workspace';
import { NodeFileSystem } from '../node/node-fs';
import { parseArgs, UsageError } from './args';
import { formatJson, formatSarif, formatText, summarize } from './format-diagnostics';

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  version: string;
}

export const CHECK_HELP = `usage: strata check [DIR] [options]

Checks the workspace in DIR (default: the current directory): the topology and the Kubernetes
manifests (kubernetes/base/<service>/ and flux/apps/).

options:
  --format text|json|sarif   output format (default: text)
  --strict                   exit 1 on warnings too
  --rule ID=SEVERITY         set a rule's severity (off, hint, info, warning, error); repeatable
  --root FILE                root file, relative to DIR (default: topology.yaml, or root: in .strata.yaml)
  --only topology|k8s        check only the topology or only the Kubernetes manifests
  --verbose                  text output: list infos and hints too (the summary always counts them)

exit status: 0 clean, 1 errors found (or warnings with --strict), 2 usage or internal error
`;

export function checkCommand(argv: string[], io: CommandIO): number {
  const args = parseArgs(argv, new Set(['format', 'rule', 'root', 'only']), new Set(['strict', 'verbose', 'help']));
  if (args.flags.has('help')) {
    io.out(CHECK_HELP);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('check takes one directory');
  const dir = path.resolve(args.positionals[0] ?? '.');
  const format = args.flags.get('format')?.at(-1) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of args.flags.get('rule') ?? []) {
    const [id, sev] = spec.split('=');
    if (!id || !RULES_BY_ID.has(id)) throw new UsageError(`--rule: unknown rule id '${id ?? ''}'`);
    if (!isSeverity(sev)) throw new UsageError(`--rule ${id}: severity must be off, hint, info, warning or error`);
    rules[id] = sev;
  }
  const nfs = new NodeFileSystem(dir);
  if (nfs.stat('').type !== 'directory') throw new UsageError(`not a directory: ${dir}`);
  const ws = new Workspace(nfs);
  const root = args.flags.get('root')?.at(-1);
  const only = args.flags.get('only')?.at(-1);
  if (only !== undefined && only !== 'topology' && only !== 'k8s') throw new UsageError(`--only must be topology or k8s, not '${only}'`);
  const analysis = analyze(ws, topologyDeclarations(), {
    oneShot: true,
    rules,
    ...(root ? { root } : {}),
    ...(only === 'k8s' ? { skipTopology: true } : {}),
    ...(only === 'topology' ? {} : { extraFindings: kubernetesFindings }),
  });
  const k8s = only === 'topology' ? undefined : discover(ws, analysis.config.kubernetesBase);
  if (!analysis.model && !k8s && only !== 'k8s') io.err(`strata: no ${analysis.config.root} in ${dir}; nothing to check\n`);
  if (!k8s && only === 'k8s') io.err(`strata: no ${analysis.config.kubernetesBase} or flux/apps in ${dir}; nothing to check\n`);
  if (k8s && only === 'k8s' && !followsHouseLayout(k8s, analysis.config)) io.err(`strata: ${analysis.config.kubernetesBase} has no flux/apps beside it and .strata.yaml has no kubernetes section; the house rules do not apply, only YAML syntax is checked\n`);
  const diags = analysis.diagnostics;
  const summary = summarize(diags, analysis.files.length + (k8s ? allFiles(k8s).length : 0), analysis.model?.entities.length ?? 0);
  if (format === 'json') io.out(formatJson(diags, summary));
  else if (format === 'sarif') io.out(formatSarif(diags, io.version));
  else io.out(formatText(diags, summary, { verbose: args.flags.has('verbose'), dir: args.positionals[0] ?? '.' }));
  if (summary.errors > 0) return 1;
  if (args.flags.has('strict') && summary.warnings > 0) return 1;
  return 0;
}
