import * as path from 'node:path';
import { loadConfig } from '../core/analysis';
import { dependencyCycles, dependencyGraph, deployOrder, type DependencyGraph } from '../core/model/dependencies';
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

export interface GraphReport {
  groups: string[][];
  /** Services in a cycle or depending on one. */
  blocked: string[];
  /** Each cycle as its services, the first repeated at the end. */
  cycles: string[][];
  /** `from` depends on `to`. */
  edges: { from: string; to: string }[];
}

/** The deploy order and cycles of a model's services, as plain data for the three formats. */
export function graphReport(g: DependencyGraph): GraphReport {
  const order = deployOrder(g);
  return {
    groups: order.layers.map((l) => l.map((s) => s.id)),
    blocked: order.blocked.map((s) => s.id),
    cycles: dependencyCycles(g).map((c) => [...c.map((e) => e.from.id), c[0]!.from.id]),
    edges: g.edges.map((e) => ({ from: e.from.id, to: e.to.id })),
  };
}

export function formatGraphText(r: GraphReport): string {
  const total = r.groups.reduce((n, g) => n + g.length, 0) + r.blocked.length;
  const lines = [`Deploy order of ${total} service${total === 1 ? '' : 's'} in ${r.groups.length} group${r.groups.length === 1 ? '' : 's'} (services of one group can start in parallel):`];
  r.groups.forEach((g, i) => lines.push(`  ${i + 1}. ${g.join(', ')}`));
  if (r.blocked.length > 0) {
    lines.push(`Not placed, in or behind a dependency cycle: ${r.blocked.join(', ')}`);
    for (const c of r.cycles) lines.push(`  cycle: ${c.join(' → ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatGraphMermaid(r: GraphReport): string {
  const id = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['flowchart LR'];
  r.groups.forEach((g, i) => {
    lines.push(`  subgraph group${i + 1}["${i + 1}"]`);
    for (const s of g) lines.push(`    ${id(s)}["${s}"]`);
    lines.push('  end');
  });
  if (r.blocked.length > 0) {
    lines.push('  subgraph blocked["cycle"]');
    for (const s of r.blocked) lines.push(`    ${id(s)}["${s}"]`);
    lines.push('  end');
  }
  // arrows run in deploy direction: the dependency first
  for (const e of r.edges) lines.push(`  ${id(e.to)} --> ${id(e.from)}`);
  return `${lines.join('\n')}\n`;
}

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
