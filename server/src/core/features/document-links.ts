import type { TopologyModel } from '../model/model';
import type { Span } from '../types';

export interface DocumentLink {
  span: Span;
  /** The file the link opens (a directory include opens its first file). */
  target: string;
  tooltip: string;
}

/** A link on each `!include` path whose target loaded. */
export function documentLinks(model: TopologyModel, file: string): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const edge of model.assembly.edges) {
    const inc = edge.include;
    if (inc.file !== file || edge.targets.length === 0) continue;
    const tooltip = inc.dir ? `${edge.resolved ?? inc.path}: ${edge.targets.length} file${edge.targets.length === 1 ? '' : 's'}, opens the first` : `Open ${edge.targets[0]}`;
    out.push({ span: { file, start: inc.start, end: inc.end }, target: edge.targets[0]!, tooltip });
  }
  return out;
}
