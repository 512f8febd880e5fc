/** Quick fixes: core/features/code-actions.ts decides them; this converts them to LSP code actions. */
import { CodeActionKind, type ClientCapabilities, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { codeActions, isFinding, resolveFix, WorkspaceFileSystem, type CodeActionOptions, type DeferredFix, type FixAction, type FixEdit } from '../../core';
import type { SpanConverter } from '../convert';
import type { HandlerContext } from './context';

/** What a fix offered without its edit carries (CodeAction.data), to compute it on codeAction/resolve. */
interface DeferredData {
  /** The document (the router finds its folder by it). */
  uri: string;
  migrationFix: DeferredFix;
}

export function registerCodeActions(ctx: HandlerContext): void {
  ctx.connection.onCodeAction(({ textDocument, range, context }) => {
    const place = ctx.manifestAt(textDocument.uri, range.start) ?? ctx.at(textDocument.uri, range.start);
    const analysis = ctx.session.current();
    if (!place || !analysis) return null;
    const held = context.diagnostics.map((d) => ({ code: d.code, start: d.range.start }));
    // Findings published inside a fold are asked about as if the editor held them.
    const folded = ctx.session.foldedOn(place.path, range.start.line).filter((f) => !held.some((h) => h.code === f.code && h.start.line === f.start.line && h.start.character === f.start.character));
    const asked = [...held, ...folded];
    const fixes = codeActions(analysis, place.path, place.offset, asked, fixOptions(ctx));
    return fixes.map((f) => toCodeAction(f, context.diagnostics, place.conv, textDocument.uri));
  });
  ctx.connection.onCodeActionResolve((action) => resolveAction(ctx, action));
}

function fixOptions(ctx: HandlerContext): CodeActionOptions {
  const edit = ctx.caps.workspace?.workspaceEdit;
  const documentChanges = edit?.documentChanges === true;
  const ops = documentChanges ? (edit?.resourceOperations ?? []) : [];
  const creates = ops.includes('create');
  const deletes = ops.includes('delete');
  // Migrations rewrite several files at once, which needs documentChanges.
  const migrations = !documentChanges ? 'none' : creates && deletes && resolvesEdits(ctx.caps) ? 'titles' : 'edits';
  return { fs: new WorkspaceFileSystem(ctx.session.ws), declarations: ctx.session.declarations, creates, deletes, migrations };
}

/** A client that asks for a chosen action's edit (codeAction/resolve). */
const resolvesEdits = (caps: ClientCapabilities) => (caps.textDocument?.codeAction?.resolveSupport?.properties ?? []).includes('edit');

function toCodeAction(fix: FixAction, asked: LspDiagnostic[], conv: SpanConverter, uri: string): CodeAction {
  const diagnostics = asked.filter((d) => fix.fixes.some((f) => isFinding(f, { code: d.code, start: d.range.start })));
  const data: DeferredData | undefined = fix.deferred ? { uri, migrationFix: fix.deferred } : undefined;
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostics.length ? { diagnostics, isPreferred: fix.preferred } : {}),
    ...(fix.edit ? { edit: toWorkspaceEdit(fix.edit, conv) } : {}),
    ...(data ? { data } : {}),
  };
}

/** Files to create or delete are resource operations, which only `documentChanges` can carry. */
function toWorkspaceEdit(edit: FixEdit, conv: SpanConverter) {
  if ('lines' in edit) return conv.migrationEdit(edit.lines, true);
  return conv.workspaceEdit(edit.offsets, edit.offsets.creates.length + edit.offsets.deletes.length > 0);
}

/** codeAction/resolve: the edit of a fix offered without one (other actions come back as they are). */
function resolveAction(ctx: HandlerContext, action: CodeAction): CodeAction {
  const deferred = (action.data as Partial<DeferredData> | undefined)?.migrationFix;
  const analysis = ctx.session.current();
  if (!deferred || !analysis) return action;
  const edit = resolveFix(analysis, deferred, { fs: new WorkspaceFileSystem(ctx.session.ws), declarations: ctx.session.declarations });
  return edit ? { ...action, edit: toWorkspaceEdit(edit, ctx.analysed(analysis.model)) } : action;
}
