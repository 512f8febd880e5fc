/** Quick fixes: those a Kubernetes finding carries, ref-unknown fixes, migrations (resolved on demand) and the next free address. */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { refUnknownFixes } from '../../core/features/code-actions';
import { nextFreeIpActions } from '../../core/features/next-free-ip';
import { k8sCodeActions } from '../../core/kubernetes/code-actions';
import { migrationCodeActions, resolveMigrationAction, type CommandContext } from '../editor-commands';
import type { HandlerContext, ManifestAt } from './context';

export function registerCodeActions(ctx: HandlerContext, editor: CommandContext): void {
  ctx.connection.onCodeAction((params) => {
    const k = ctx.manifestAt(params.textDocument.uri, params.range.start);
    if (k) return kubernetesActions(ctx, k, params);
    return topologyActions(ctx, editor, params);
  });
  ctx.connection.onCodeActionResolve((action) => resolveMigrationAction(editor, action));
}

function resourceOperations(ctx: HandlerContext): string[] {
  const edit = ctx.caps.workspace?.workspaceEdit;
  return edit?.documentChanges === true ? (edit.resourceOperations ?? []) : [];
}

/** A Kubernetes finding carries its fixes (Diagnostic.data); files to create or delete need resource operations. */
function kubernetesActions(ctx: HandlerContext, k: ManifestAt, { context }: CodeActionParams): CodeAction[] {
  const ops = resourceOperations(ctx);
  const current = ctx.session.current()?.diagnostics ?? [];
  const out: CodeAction[] = [];
  for (const d of context.diagnostics) {
    const found = current.find((x) => x.file === k.path && x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
    for (const fix of k8sCodeActions(found?.data)) {
      const resources = fix.edit.creates.length + fix.edit.deletes.length > 0;
      if ((fix.edit.creates.length && !ops.includes('create')) || (fix.edit.deletes.length && !ops.includes('delete'))) continue;
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: k.conv.workspaceEdit(fix.edit, resources) });
    }
  }
  return out;
}

function topologyActions(ctx: HandlerContext, editor: CommandContext, { textDocument, context, range }: CodeActionParams): CodeAction[] | null {
  const c = ctx.at(textDocument.uri);
  if (!c) return null;
  const canCreate = resourceOperations(ctx).includes('create');
  const current = ctx.session.current()?.diagnostics ?? [];
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
  out.push(...migrationCodeActions(editor, current, c.path, context.diagnostics));
  // On an address tied to a network: "Use next free address in <network>".
  const offset = c.conv.index(c.path).offset(range.start);
  for (const a of nextFreeIpActions(c.model, c.path, offset)) {
    const fixed = context.diagnostics.filter((d) => typeof d.code === 'string' && a.fixes.includes(d.code));
    out.push({
      title: a.title,
      kind: CodeActionKind.QuickFix,
      ...(fixed.length ? { diagnostics: fixed, isPreferred: true } : {}),
      edit: c.conv.workspaceEdit({ edits: [a.edit], creates: [] }, false),
    });
  }
  return out;
}
