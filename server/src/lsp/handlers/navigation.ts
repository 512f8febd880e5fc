/** Go to definition, references, rename and document links: topology refs, or on manifests the Kubernetes ones. */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { definition, documentLinks, k8sDefinition, k8sReferences, prepareRename, references, rename } from '../../core';
import type { HandlerContext } from './context';

export function registerNavigation(ctx: HandlerContext): void {
  const { connection, session, caps, uris } = ctx;
  connection.onDefinition(({ textDocument, position }) => {
    const k = ctx.manifestAt(textDocument.uri, position);
    if (k) return k8sDefinition(session.ws, k.config, k.path, k.offset).map((span) => k.conv.location(span));
    const c = ctx.at(textDocument.uri, position);
    return c ? c.conv.definition(definition(c.model, c.path, c.offset), caps.textDocument?.definition?.linkSupport === true) : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const k = ctx.manifestAt(textDocument.uri, position);
    if (k) return k8sReferences(session.ws, k.config, k.path, k.offset, context.includeDeclaration).map((span) => k.conv.location(span));
    const c = ctx.at(textDocument.uri, position);
    return c ? references(c.model, c.path, c.offset, context.includeDeclaration).map((s) => c.conv.location(s)) : null;
  });

  connection.onDocumentLinks(({ textDocument }) => {
    const c = ctx.at(textDocument.uri);
    return c ? documentLinks(c.model, c.path).map((l) => ({ range: c.conv.range(l.span), target: uris.toUri(l.target), tooltip: l.tooltip })) : null;
  });
  registerRename(ctx);
}

function registerRename(ctx: HandlerContext): void {
  ctx.connection.onPrepareRename(({ textDocument, position }) => {
    const c = ctx.at(textDocument.uri, position);
    const r = c && prepareRename(c.model, c.path, c.offset);
    if (!c || !r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: c.conv.range(r.span), placeholder: r.placeholder };
  });

  ctx.connection.onRenameRequest(({ textDocument, position, newName }) => {
    const c = ctx.at(textDocument.uri, position);
    const r = c && rename(c.model, c.path, c.offset, newName.trim());
    if (!c || !r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return c.conv.workspaceEdit({ edits: r.edits, creates: [] }, false);
  });
}
