import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { spanOf } from '../model/extract';

export interface ReferencesLens {
  /** The id the lens sits on. */
  span: Span;
  count: number;
  references: Span[];
}

/** "N references" over each entity id written in the file. */
export function referenceLenses(model: TopologyModel, file: string): ReferencesLens[] {
  return model.entities
    .filter((e) => e.idSpan.file === file)
    .map((e) => {
      const references = model.referencesTo(e).map((r) => spanOf(r.node));
      return { span: e.idSpan, count: references.length, references };
    });
}
