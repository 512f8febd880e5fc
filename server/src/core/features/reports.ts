/** The Markdown reports of "Show storage chain" and "Show deploy order", for every editor that offers them. */
import { dependencyGraph } from '../model/dependencies';
import type { TopologyModel } from '../model/model';
import { formatGraphMermaid, graphReport } from './deploy-order';
import { hover, type LinkRenderer } from './hover';

/** The storage chain under the entity at `offset`: the hover with its storage chain section; empty where there is none. */
export function storageChainReport(model: TopologyModel, file: string, offset: number, link: LinkRenderer): string {
  const h = hover(model, file, offset, link);
  return h?.markdown.includes('**Storage chain**') ? h.markdown : '';
}

/** The services in deploy steps (one step's services can be deployed in parallel), the cycles, and the graph. */
export function deployOrderReport(model: TopologyModel): string {
  const report = graphReport(dependencyGraph(model));
  const groups = report.groups.map((g, i) => `${i + 1}. ${g.map((s) => `\`${s}\``).join(', ')}`);
  const cycles = report.cycles.map((c) => `- ${c.join(' → ')}`);
  const cycleSection = cycles.length ? ['', '## Dependency cycles (not ordered)', '', ...cycles] : [];
  return [
    '# Deploy order',
    '',
    'Services in one step do not depend on each other and can be deployed in parallel.',
    '',
    ...groups,
    ...cycleSection,
    '',
    '```mermaid',
    formatGraphMermaid(report).trimEnd(),
    '```',
    '',
  ].join('\n');
}
