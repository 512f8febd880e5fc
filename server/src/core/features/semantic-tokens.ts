/**
 * Semantic highlighting of ref values, only in the files the topology reads: a `*_ref` key in any
 * other YAML file is none of Strata's business (the TextMate injection, which sees every YAML
 * file, colours include tags only).
 */
import type { TopologyModel } from '../model/model';
import { locatables } from './locate';

/** The token types the server's legend declares, in legend order. */
export const SEMANTIC_TOKEN_TYPES = ['variable'] as const;

export interface SemanticToken {
  start: number;
  end: number;
  type: (typeof SEMANTIC_TOKEN_TYPES)[number];
}

/** Ref values of `file` in offset order; none for a file the topology does not read. */
export function semanticTokens(model: TopologyModel, file: string, text: string): SemanticToken[] {
  const out: SemanticToken[] = [];
  for (const l of locatables(model).get(file) ?? []) {
    // A token may not span lines; a ref value written over several lines stays uncoloured.
    if (l.kind === 'ref' && l.end > l.start && !/[\r\n]/.test(text.slice(l.start, l.end))) out.push({ start: l.start, end: l.end, type: 'variable' });
  }
  return out;
}
