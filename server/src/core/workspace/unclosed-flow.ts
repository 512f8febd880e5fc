import { isCollection, visit, type Document } from 'yaml';

/** The opening brackets of flow collections the parser found unclosed, by their character. */
export interface UnclosedFlow {
  open: number;
  bracket: '[' | '{';
}

const CLOSING = { '[': ']', '{': '}' } as const;

/**
 * Flow collections that end without their closing bracket. The parser reports such a collection
 * where it noticed the end (often the next line); the mistake is where the bracket opened.
 */
export function unclosedFlows(doc: Document.Parsed, text: string): UnclosedFlow[] {
  const out: UnclosedFlow[] = [];
  visit(doc, {
    Node(_key, n) {
      if (!isCollection(n) || !n.flow || !n.range) return;
      const open = n.range[0];
      const bracket = text[open];
      if (bracket !== '[' && bracket !== '{') return;
      if (text.slice(open, n.range[1]).trimEnd().endsWith(CLOSING[bracket])) return;
      out.push({ open, bracket });
    },
  });
  return out;
}

/**
 * The unclosed collection a parser error is about: a flow error names the collection's type, and
 * the innermost unclosed one opened before the error and not yet claimed is the one it noticed.
 */
export function claimOpening(message: string, errorAt: number, unclosed: UnclosedFlow[], claimed: Set<UnclosedFlow>): UnclosedFlow | undefined {
  const bracket = /^Flow sequence\b/.test(message) ? '[' : /^Flow map\b/.test(message) ? '{' : undefined;
  if (!bracket) return undefined;
  let best: UnclosedFlow | undefined;
  for (const u of unclosed) {
    if (u.bracket !== bracket || u.open >= errorAt || claimed.has(u)) continue;
    if (!best || u.open > best.open) best = u;
  }
  if (best) claimed.add(best);
  return best;
}
