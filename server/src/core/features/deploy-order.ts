/**
 * The services' deploy order as a report: groups that can start in parallel, services held back
 * by a cycle, and the edges; with text and Mermaid renderings (CLI `strata graph`, the editor's
 * "Show deploy order").
 */
import { dependencyCycles, deployOrder, type DependencyGraph } from '../model/dependencies';

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
  for (const [i, g] of r.groups.entries()) lines.push(`  ${i + 1}. ${g.join(', ')}`);
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
