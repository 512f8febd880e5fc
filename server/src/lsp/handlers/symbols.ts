/** Document and workspace symbols, and semantic tokens for ref values. */
import { SemanticTokensBuilder, type SymbolInformation } from 'vscode-languageserver';
import { documentSymbols, SEMANTIC_TOKEN_TYPES, semanticTokens, workspaceSymbols } from '../../core';
import { symbolKind } from '../convert';
import type { HandlerContext } from './context';

export function registerSymbols(ctx: HandlerContext): void {
  const { connection, session, caps } = ctx;
  connection.onDocumentSymbol(({ textDocument }) => {
    const c = ctx.at(textDocument.uri);
    if (!c) return null;
    const symbols = documentSymbols(c.model, c.path);
    if (caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols.map((s) => c.conv.documentSymbol(s));
    return symbols.flatMap(function flat(s): SymbolInformation[] {
      return [{ name: s.name, kind: symbolKind(s.kind), location: c.conv.location(s.selection) }, ...s.children.flatMap(flat)];
    });
  });

  connection.onWorkspaceSymbol(({ query }) => {
    const model = session.current()?.model;
    if (!model) return [];
    const conv = ctx.analysed(model);
    return workspaceSymbols(model, query).map((e) => ({ name: e.id, kind: symbolKind(e.kind), containerName: e.kind, location: conv.location(e.idSpan) }));
  });
  registerSemanticTokens(ctx);
}

/** Ref values, coloured only in the files the topology reads. */
function registerSemanticTokens(ctx: HandlerContext): void {
  ctx.connection.onSemanticTokens(({ textDocument }) => {
    const c = ctx.at(textDocument.uri);
    const text = c && (c.model.assembly.parsed.get(c.path)?.text ?? ctx.session.text(c.path));
    const builder = new SemanticTokensBuilder();
    if (!c || text === undefined) return builder.build();
    const index = c.conv.index(c.path);
    for (const t of semanticTokens(c.model, c.path, text)) {
      const p = index.position(t.start);
      builder.push(p.line, p.character, t.end - t.start, SEMANTIC_TOKEN_TYPES.indexOf(t.type), 0);
    }
    return builder.build();
  });
}
