import * as path from 'node:path';
import { loadConfig } from '../core/analysis';
import { dependencyGraph } from '../core/model/dependencies';
import { formatGraphMermaid, formatGraphText, graphReport } from '../core/features/deploy-order';
import { TopologyModel } from '../core/model/model';
import { topologyDeclarations } from '../core/model/topology-schema';
import { assemble } from '../core/workspace/assemble';
import { Workspace } from '../core/workspace/workspace';
import { NodeFileSystem } from '../node/node-fs';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './check-command';

export const GRAPH_HELP = `usage: strata graph [DIR] [options]

Prints the services' deploy order: groups of services whose dependencies are all in earlier
groups, so the services of one group can start in parallel.

options:
  --format text|json|mermaid   output format (default: text)
  --root FILE                  root file, relative to DIR (default: topology.yaml, or root: in .strata.yaml)

exit status: 0 ordered, 1 a dependency cycle leaves services without a place, 2 usage or internal error
`;

export function graphCommand(argv: string[], io: CommandIO): number {
  const args = parseArgs(argv, new Set(['format', 'root']), new Set(['help']));
  if (args.flags.has('help')) {
    io.out(GRAPH_HELP);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('graph takes one directory');
  const format = args.flags.get('format')?.at(-1) ?? 'text';
  if (!['text', 'json', 'mermaid'].includes(format)) throw new UsageError(`--format must be text, json or mermaid, not '${format}'`);
  const dir = path.resolve(args.positionals[0] ?? '.');
  const nfs = new NodeFileSystem(dir);
  if (nfs.stat('').type !== 'directory') throw new UsageError(`not a directory: ${dir}`);
  const ws = new Workspace(nfs);
  const root = args.flags.get('root')?.at(-1) ?? loadConfig(ws).config.root;
  if (ws.stat(root).type !== 'file') throw new UsageError(`no ${root} in ${dir}`);
  const model = new TopologyModel(assemble(ws, root), topologyDeclarations());
  const report = graphReport(dependencyGraph(model));
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'mermaid') io.out(formatGraphMermaid(report));
  else io.out(formatGraphText(report));
  return report.blocked.length > 0 ? 1 : 0;
}
