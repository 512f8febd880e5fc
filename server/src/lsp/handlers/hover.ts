/** Hover: the entity, ref or address under the cursor, as Markdown with links to its places. */
import { hover } from '../../core';
import type { HandlerContext } from './context';

export function registerHover(ctx: HandlerContext): void {
  ctx.connection.onHover(({ textDocument, position }) => {
    const c = ctx.at(textDocument.uri, position);
    const h = c && hover(c.model, c.path, c.offset, (span, label) => c.conv.markdownLink(span, label));
    return h && c ? { contents: { kind: 'markdown', value: h.markdown }, range: c.conv.range(h.span) } : null;
  });
}
