import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { aliasAt, anchorBefore } from './anchors';
import { locate, targetEntity } from './locate';

/** One place to go: the whole target (`target`), the part to select in it, and the span clicked. */
export interface DefinitionLink {
  origin: Span;
  target: Span;
  selection: Span;
}

/**
 * A ref goes to its entity's id, an `!include` to its file (a directory include to each of its
 * files, first file first, for the editor to offer as a list), an alias to its anchor.
 */
export function definition(model: TopologyModel, file: string, offset: number): DefinitionLink[] {
  const text = model.assembly.parsed.get(file)?.text;
  if (text !== undefined) {
    const alias = aliasAt(text, offset);
    if (alias) {
      const anchor = anchorBefore(text, alias.name, alias.start);
      const origin = { file, start: alias.start, end: alias.end };
      return anchor ? [{ origin, target: { file, ...anchor }, selection: { file, ...anchor } }] : [];
    }
  }
  const at = locate(model, file, offset);
  if (!at) return [];
  const origin = { file, start: at.start, end: at.end };
  if (at.kind === 'include') {
    const include = at.edge.include;
    const pathStart = { file, start: include.start, end: include.end };
    return at.edge.targets.map((t) => ({ origin: pathStart, target: { file: t, start: 0, end: 0 }, selection: { file: t, start: 0, end: 0 } }));
  }
  const entity = targetEntity(model, at);
  if (!entity) return [];
  return [{ origin, target: { file: entity.node.file, start: entity.node.start, end: entity.node.end }, selection: entity.idSpan }];
}
