/**
 * The editor commands the server executes besides the generators: "Migrate workspace…", "Show
 * storage chain" and "Show deploy order" (ids in shared/commands.ts). Each is one core call
 * plus conversion.
 */
import { COMMANDS } from '../../../shared/commands';
import type { ClientCapabilities } from 'vscode-languageserver';
import type { FolderConnection } from './folders';
import { deployOrderReport, isMigrationId, migrateWorkspace, pendingMigrations, storageChainReport, WorkspaceFileSystem, type MigrationId } from '../core';
import type { SpanConverter, UriMapper } from './convert';
import type { LiveSession } from './session';

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
    case COMMANDS.migrateWorkspace: {
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
    case COMMANDS.showStorageChain: {
      const [uri, position] = (args ?? []) as [string | undefined, { line: number; character: number } | undefined];
      const path = uri ? ctx.uris.toPath(uri) : undefined;
      const model = session.current()?.model;
      const conv = ctx.converter();
      if (path === undefined || !position || !model || !conv) return '';
      return storageChainReport(model, path, conv.index(path).offset(position), (span, label) => conv.markdownLink(span, label));
    }
    case COMMANDS.showDeployOrder: {
      const model = session.current()?.model;
      return model ? deployOrderReport(model) : '';
    }
    default:
      return undefined;
  }
}
