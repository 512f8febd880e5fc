/**
 * The editor commands the server executes besides the generators: "Migrate workspace…", "Show
 * storage chain" and "Show deploy order" (ids in core/editor-commands.ts), and the migration quick
 * fixes offered on legacy-shape findings. Each is one core call plus conversion.
 */
import { CodeActionKind, type ClientCapabilities, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { FolderConnection } from './folders';
import { EDITOR_COMMANDS } from '../core/editor-commands';
import { hover } from '../core/features/hover';
import { hasMigrationQuickFix, migrateWorkspace, migrationQuickFixes, migrationQuickFixTitles, pendingMigrations } from '../core/migrations/editor-actions';
import { isMigrationId, type MigrationId } from '../core/model/migration-ids';
import { dependencyGraph } from '../core/model/dependencies';
import type { Diagnostic } from '../core/types';
import { WorkspaceFileSystem } from '../core/workspace/workspace-fs';
import { formatGraphMermaid, graphReport } from '../core/features/deploy-order';
import type { SpanConverter, UriMapper } from './convert';
import type { LiveSession } from './session';

export const SERVER_EDITOR_COMMANDS = [EDITOR_COMMANDS.migrateWorkspace, EDITOR_COMMANDS.showStorageChain, EDITOR_COMMANDS.showDeployOrder];

export interface CommandContext {
  connection: FolderConnection;
  session: LiveSession;
  uris: UriMapper;
  caps: ClientCapabilities;
  converter(): SpanConverter | undefined;
}

const documentChanges = (caps: ClientCapabilities) => caps.workspace?.workspaceEdit?.documentChanges === true;
const canCreateAndDelete = (caps: ClientCapabilities) => {
  const ops = caps.workspace?.workspaceEdit?.resourceOperations ?? [];
  return documentChanges(caps) && ops.includes('create') && ops.includes('delete');
};

/** Arguments of "Migrate workspace…": none lists the pending migrations; `ids` previews or applies them. */
interface MigrateArgs {
  ids?: string[];
  apply?: boolean;
}

/** Runs an editor command; `undefined` when the id is not one of these. */
export async function runEditorCommand(command: string, args: unknown[] | undefined, ctx: CommandContext): Promise<unknown> {
  const { session } = ctx;
  switch (command) {
    case EDITOR_COMMANDS.migrateWorkspace: {
      const fs = new WorkspaceFileSystem(session.ws);
      const a = (args?.[0] ?? {}) as MigrateArgs;
      if (!a.ids) return { pending: pendingMigrations(fs, session.declarations) };
      const ids = a.ids.filter(isMigrationId) as MigrationId[];
      const result = migrateWorkspace(fs, session.declarations, ids);
      if (!a.apply) return { preview: result.preview, fillIns: result.fillIns };
      const conv = ctx.converter();
      if (!conv) return { applied: false, fillIns: result.fillIns };
      const annotated = ctx.caps.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined;
      const edit = conv.migrationEdit(result.edit, documentChanges(ctx.caps), annotated ? `Migrate: ${ids.join(', ')}` : undefined);
      const applied = await ctx.connection.workspace.applyEdit({ label: 'Strata: migrate workspace', edit });
      return { applied: applied.applied, fillIns: result.fillIns, ...(applied.failureReason ? { failureReason: applied.failureReason } : {}) };
    }
    case EDITOR_COMMANDS.showStorageChain: {
      const [uri, position] = (args ?? []) as [string | undefined, { line: number; character: number } | undefined];
      const path = uri ? ctx.uris.toPath(uri) : undefined;
      const model = session.current()?.model;
      const conv = ctx.converter();
      if (path === undefined || !position || !model || !conv) return '';
      const h = hover(model, path, conv.index(path).offset(position), (span, label) => conv.markdownLink(span, label));
      // The storage chain is the hover's section of that name; without one, there is no chain here.
      return h?.markdown.includes('**Storage chain**') ? h.markdown : '';
    }
    case EDITOR_COMMANDS.showDeployOrder: {
      const model = session.current()?.model;
      if (!model) return '';
      const report = graphReport(dependencyGraph(model));
      const groups = report.groups.map((g, i) => `${i + 1}. ${g.map((s) => `\`${s}\``).join(', ')}`);
      const cycles = report.cycles.map((c) => `- ${c.join(' → ')}`);
      return [
        '# Deploy order',
        '',
        'Services in one step do not depend on each other and can be deployed in parallel.',
        '',
        ...groups,
        ...(cycles.length ? ['', '## Dependency cycles (not ordered)', '', ...cycles] : []),
        '',
        '```mermaid',
        formatGraphMermaid(report).trimEnd(),
        '```',
        '',
      ].join('\n');
    }
    default:
      return undefined;
  }
}

/** Where a migration quick fix offered without its edit comes from (CodeAction.data), to compute it on codeAction/resolve. */
interface MigrationFixData {
  /** The document (the router finds its folder by it). */
  uri: string;
  migrationFix: { path: string; code: string; line: number; character: number; workspace: boolean };
}

/** A client that asks for a chosen action's edit (codeAction/resolve) and applies file creates and deletes. */
const resolvesEdits = (caps: ClientCapabilities) => canCreateAndDelete(caps) && (caps.textDocument?.codeAction?.resolveSupport?.properties ?? []).includes('edit');

/** The analysed finding a diagnostic the client holds stands for, matched by file, rule and start. */
const findingAt = (current: Diagnostic[], path: string, code: unknown, start: { line: number; character: number }) =>
  current.find((x) => x.file === path && x.code === code && x.range.start.line === start.line && x.range.start.character === start.character);

/**
 * "Migrate: <title>" and "Migrate: <title> (whole workspace)" for each legacy-shape finding asked
 * about (`deprecated-field`, `service-ip-redundant`). Computing the edits runs the migration over
 * the workspace (hundreds of milliseconds), and editors ask for code actions on every cursor move:
 * a client that resolves edits gets the titles at once and the edit of the one it applies.
 */
export function migrationCodeActions(ctx: CommandContext, current: Diagnostic[], path: string, asked: LspDiagnostic[]): CodeAction[] {
  const conv = ctx.converter();
  if (!conv || !documentChanges(ctx.caps)) return [];
  const out: CodeAction[] = [];
  const fs = new WorkspaceFileSystem(ctx.session.ws);
  for (const d of asked) {
    if (!hasMigrationQuickFix(String(d.code))) continue;
    const found = findingAt(current, path, d.code, d.range.start);
    if (!found) continue;
    if (resolvesEdits(ctx.caps)) {
      for (const t of migrationQuickFixTitles(found)) {
        const data: MigrationFixData = { uri: ctx.uris.toUri(path), migrationFix: { path, code: found.code, ...found.range.start, workspace: t.workspace } };
        out.push({ title: t.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !t.workspace, data });
      }
      continue;
    }
    for (const m of migrationQuickFixes(fs, ctx.session.declarations, found)) {
      if ((m.edit.create.length || m.edit.delete.length) && !canCreateAndDelete(ctx.caps)) continue;
      out.push({ title: m.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !m.workspace, edit: conv.migrationEdit(m.edit, true) });
    }
  }
  return out;
}

/** codeAction/resolve: the edit of a migration quick fix offered without one (other actions come back as they are). */
export function resolveMigrationAction(ctx: CommandContext, action: CodeAction): CodeAction {
  const fix = (action.data as Partial<MigrationFixData> | undefined)?.migrationFix;
  const conv = ctx.converter();
  const found = fix && conv ? findingAt(ctx.session.current()?.diagnostics ?? [], fix.path, fix.code, fix) : undefined;
  if (!fix || !conv || !found) return action;
  const m = migrationQuickFixes(new WorkspaceFileSystem(ctx.session.ws), ctx.session.declarations, found).find((x) => x.workspace === fix.workspace);
  return m ? { ...action, edit: conv.migrationEdit(m.edit, true) } : action;
}
