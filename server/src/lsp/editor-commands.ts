/**
 * The editor commands the server executes besides the generators: "Migrate workspace…", "Show
 * storage chain" and "Show deploy order" (ids in core/editor-commands.ts). Each is one core call
 * plus conversion.
 */
import type { ClientCapabilities } from 'vscode-languageserver';
import type { FolderConnection } from './folders';
import { EDITOR_COMMANDS } from '../core/editor-commands';
import { hover } from '../core/features/hover';
import { migrateWorkspace, pendingMigrations } from '../core/migrations/editor-actions';
import { isMigrationId, type MigrationId } from '../core/model/migration-ids';
import { dependencyGraph } from '../core/model/dependencies';
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
      return h && h.markdown.includes('**Storage chain**') ? h.markdown : '';
    }
    case EDITOR_COMMANDS.showDeployOrder: {
      const model = session.current()?.model;
      if (!model) return '';
      const report = graphReport(dependencyGraph(model));
      const groups = report.groups.map((g, i) => `${i + 1}. ${g.map((s) => `\`${s}\``).join(', ')}`);
      const cycles = report.cycles.map((c) => `- ${c.join(' → ')}`);
      return ['# Deploy order', '', 'Services in one step do not depend on each other and can be deployed in parallel.', '', ...groups, ...(cycles.length ? ['', '## Dependency cycles (not ordered)', '', ...cycles] : []), '', '```mermaid', formatGraphMermaid(report).trimEnd(), '```', ''].join('\n');
    }
    default:
      return undefined;
  }
}
