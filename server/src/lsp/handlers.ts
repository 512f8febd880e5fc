/** Binds each LSP request to its core feature; conversion lives in convert.ts, state in session.ts. */
import { CodeActionKind, ErrorCodes, ResponseError, type ClientCapabilities, type CodeAction, type Connection, type SelectionRange, type SymbolInformation, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { referenceLenses } from '../core/features/code-lens';
import { refUnknownFixes } from '../core/features/code-actions';
import { nextFreeIpActions } from '../core/features/next-free-ip';
import { migrationCodeActions, runEditorCommand, type CommandContext } from './editor-commands';
import { complete } from '../core/features/completion';
import { definition } from '../core/features/definition';
import { documentLinks } from '../core/features/document-links';
import { documentSymbols } from '../core/features/document-symbols';
import { foldingRanges } from '../core/features/folding';
import { hover } from '../core/features/hover';
import { references } from '../core/features/references';
import { prepareRename, rename } from '../core/features/rename';
import { selectionRanges } from '../core/features/selection-ranges';
import { workspaceSymbols } from '../core/features/workspace-symbols';
import type { TopologyModel } from '../core/model/model';
import { LineIndexes, SpanConverter, symbolKind, toCompletionList, toFoldingRange, type UriMapper } from './convert';
import { SHOW_REFERENCES_COMMAND } from './protocol';
import type { LiveSession } from './session';

export function registerHandlers(connection: Connection, documents: TextDocuments<TextDocument>, session: LiveSession, uris: UriMapper, caps: ClientCapabilities): void {
  const lines = new LineIndexes();
  /** Spans of the last analysis refer to the texts it read; after a flush those are the current ones. */
  const analysed = (model: TopologyModel | undefined) => new SpanConverter(uris, lines, (p) => model?.assembly.parsed.get(p)?.text ?? session.text(p));

  /** The analysed model with pending edits folded in, and the request's path and offset in it. */
  const at = (uri: string, position?: { line: number; character: number }) => {
    const path = uris.toPath(uri);
    const model = path !== undefined ? session.current()?.model : undefined;
    // A broken file contributes its last good tree, whose offsets are those of an older text.
    if (path === undefined || !model || session.ws.stale.has(path)) return undefined;
    const conv = analysed(model);
    return { path, model, conv, offset: position ? conv.index(path).offset(position) : 0 };
  };

  connection.onDefinition(({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    return c ? c.conv.definition(definition(c.model, c.path, c.offset), caps.textDocument?.definition?.linkSupport === true) : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const c = at(textDocument.uri, position);
    return c ? references(c.model, c.path, c.offset, context.includeDeclaration).map((s) => c.conv.location(s)) : null;
  });

  connection.onPrepareRename(({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    const r = c && prepareRename(c.model, c.path, c.offset);
    if (!c || !r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: c.conv.range(r.span), placeholder: r.placeholder };
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const c = at(textDocument.uri, position);
    const r = c && rename(c.model, c.path, c.offset, newName.trim());
    if (!c || !r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return c.conv.workspaceEdit({ edits: r.edits, creates: [] }, false);
  });

  connection.onHover(({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    const h = c && hover(c.model, c.path, c.offset, (span, label) => c.conv.markdownLink(span, label));
    return h && c ? { contents: { kind: 'markdown', value: h.markdown }, range: c.conv.range(h.span) } : null;
  });

  connection.onCompletion(({ textDocument, position }) => {
    const path = uris.toPath(textDocument.uri);
    const text = documents.get(textDocument.uri)?.getText() ?? (path !== undefined ? session.text(path) : undefined);
    if (path === undefined || text === undefined) return null;
    const index = lines.get(path, text);
    const r = complete(session.model, session.ws, path, text, index.offset(position));
    return r ? toCompletionList(r, index) : null;
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const c = at(textDocument.uri);
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
    const conv = analysed(model);
    return workspaceSymbols(model, query).map((e) => ({ name: e.id, kind: symbolKind(e.kind), containerName: e.kind, location: conv.location(e.idSpan) }));
  });

  connection.onDocumentLinks(({ textDocument }) => {
    const c = at(textDocument.uri);
    return c ? documentLinks(c.model, c.path).map((l) => ({ range: c.conv.range(l.span), target: uris.toUri(l.target), tooltip: l.tooltip })) : null;
  });

  connection.onCodeLens(({ textDocument }) => {
    const c = at(textDocument.uri);
    if (!c) return null;
    return referenceLenses(c.model, c.path).map((l) => {
      const range = c.conv.range(l.span);
      const title = `${l.count} reference${l.count === 1 ? '' : 's'}`;
      return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [uris.toUri(l.span.file), range.start, l.references.map((s) => c.conv.location(s))] } };
    });
  });

  const commands: CommandContext = { connection, session, uris, caps, converter: () => analysed(session.current()?.model) };
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command === SHOW_REFERENCES_COMMAND) return args?.[2] ?? [];
    const result = await runEditorCommand(command, args, commands);
    if (result !== undefined) return result;
    throw new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${command}`);
  });

  /** Folding and selection read the file's own current parse (no includes, no analysis needed). */
  const parsed = (uri: string) => {
    const path = uris.toPath(uri);
    const pf = path !== undefined ? session.ws.parse(path) : undefined;
    return path !== undefined && pf && !('error' in pf) ? { path, pf, index: lines.get(path, pf.text) } : undefined;
  };

  connection.onFoldingRanges(({ textDocument }) => {
    const p = parsed(textDocument.uri);
    return p ? foldingRanges(p.pf.root, p.pf.text, p.index).map(toFoldingRange) : null;
  });

  connection.onSelectionRanges(({ textDocument, positions }) => {
    const p = parsed(textDocument.uri);
    if (!p) return null;
    return positions.map((pos) => {
      const chain = selectionRanges(p.pf.root, p.pf.text, p.index.offset(pos));
      let out: SelectionRange | undefined;
      for (const r of chain.reverse()) out = { range: p.index.range(r.start, r.end), ...(out ? { parent: out } : {}) };
      return out ?? { range: { start: pos, end: pos } };
    });
  });

  connection.onCodeAction(({ textDocument, context, range }) => {
    const c = at(textDocument.uri);
    if (!c) return null;
    const canCreate = caps.workspace?.workspaceEdit?.documentChanges === true && (caps.workspace.workspaceEdit.resourceOperations ?? []).includes('create');
    const current = session.current()?.diagnostics ?? [];
    const out: CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.code !== 'ref-unknown') continue;
      // The finding as analysed (its data names the candidates), matched by place and rule.
      const found = current.find((x) => x.file === c.path && x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
      if (!found) continue;
      const index = c.conv.index(c.path);
      const span = { file: c.path, start: index.offset(found.range.start), end: index.offset(found.range.end) };
      for (const fix of refUnknownFixes(c.model, span, found.data)) {
        if (fix.edit.creates.length > 0 && !canCreate) continue;
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: c.conv.workspaceEdit(fix.edit, fix.edit.creates.length > 0) });
      }
    }
    out.push(...migrationCodeActions(commands, current, c.path, context.diagnostics));
    // On an address tied to a network: "Use next free address in <network>".
    const offset = c.conv.index(c.path).offset(range.start);
    for (const a of nextFreeIpActions(c.model, c.path, offset)) {
      const fixed = context.diagnostics.filter((d) => typeof d.code === 'string' && a.fixes.includes(d.code));
      out.push({ title: a.title, kind: CodeActionKind.QuickFix, ...(fixed.length ? { diagnostics: fixed, isPreferred: true } : {}), edit: c.conv.workspaceEdit({ edits: [a.edit], creates: [] }, false) });
    }
    return out;
  });
}
