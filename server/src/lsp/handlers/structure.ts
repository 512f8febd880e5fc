/** Folding and selection ranges: they read the file's own current parse (no includes, no analysis needed). */
import type { SelectionRange } from 'vscode-languageserver';
import { foldingRanges, selectionRanges } from '../../core';
import { toFoldingRange } from '../convert';
import type { HandlerContext } from './context';

export function registerStructure(ctx: HandlerContext): void {
  const parsed = (uri: string) => {
    const path = ctx.uris.toPath(uri);
    const pf = path !== undefined ? ctx.session.ws.parse(path) : undefined;
    return path !== undefined && pf && !('error' in pf) ? { path, pf, index: ctx.lines.get(path, pf.text) } : undefined;
  };

  ctx.connection.onFoldingRanges(({ textDocument }) => {
    const p = parsed(textDocument.uri);
    return p ? foldingRanges(p.pf.root, p.pf.text, p.index).map(toFoldingRange) : null;
  });

  ctx.connection.onSelectionRanges(({ textDocument, positions }) => {
    const p = parsed(textDocument.uri);
    if (!p) return null;
    return positions.map((pos) => {
      const chain = selectionRanges(p.pf.root, p.pf.text, p.index.offset(pos));
      let out: SelectionRange | undefined;
      for (const r of chain.reverse()) out = { range: p.index.range(r.start, r.end), ...(out ? { parent: out } : {}) };
      return out ?? { range: { start: pos, end: pos } };
    });
  });
}
