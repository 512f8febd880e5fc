import { assemble, dependencyGraph, formatGraphMermaid, formatGraphText, graphReport, loadConfig, topologyDeclarations, TopologyModel, Workspace } from '../core';
import { NodeFileSystem } from '../node/node-fs';
import { defineCommand, didYouMean, UsageError, workspaceDir, type Args, type CommandIO } from './args';

const FORMATS = ['text', 'json', 'mermaid'];

export const graphCommand = defineCommand({
  name: 'graph',
  usage: 'graph [DIR] [options]',
  summary: "print the services' deploy order",
  about: `Prints the services' deploy order: groups of services whose dependencies are all in earlier
groups, so the services of one group can start in parallel.`,
  options: {
    format: { type: 'string', value: 'FORMAT', help: 'text, json or mermaid (default: text)' },
    root: { type: 'string', value: 'FILE', help: 'root file, relative to DIR (default: topology.yaml, or root: in .strata.yaml)' },
  },
  maxPositionals: 1,
  exit: 'exit status: 0 ordered, 1 a dependency cycle leaves services without a place, 2 usage or internal error',
  run: runGraph,
});

function runGraph(args: Args<'format' | 'root'>, io: CommandIO): number {
  const format = args.string('format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json or mermaid, not '${format}'${didYouMean(format, FORMATS)}`);
  const dir = workspaceDir(args.positionals[0], io);
  const nfs = new NodeFileSystem(dir);
  const ws = new Workspace(nfs);
  const root = args.string('root') ?? loadConfig(ws).config.root;
  if (ws.stat(root).type !== 'file') throw new UsageError(`no ${root} in ${dir}`);
  const model = new TopologyModel(assemble(ws, root), topologyDeclarations());
  const report = graphReport(dependencyGraph(model));
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'mermaid') io.out(formatGraphMermaid(report));
  else io.out(formatGraphText(report));
  return report.blocked.length > 0 ? 1 : 0;
}
