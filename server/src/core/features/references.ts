import { spanOf } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { locate, targetEntity } from './locate';

/** From an id, or any ref to it: every ref across the workspace, and the definition if asked. */
export function references(model: TopologyModel, file: string, offset: number, includeDeclaration: boolean): Span[] {
  const entity = targetEntity(model, locate(model, file, offset));
  if (!entity) return [];
  const refs = model.referencesTo(entity).map((r) => spanOf(r.node));
  return includeDeclaration ? [entity.idSpan, ...refs] : refs;
}
