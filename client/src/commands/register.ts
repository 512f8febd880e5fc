/** Binds every contributed Strata command (package.json) to its handler. */
import { COMMANDS } from '../../../shared/commands';
import { registerBeforeContent, showGeneratedChanges } from './show-changes';
import * as vscode from 'vscode';
import type { ServerSession } from '../server-session';
import { regenerate, regenerateOnSave } from './regenerate';
import { showDeployOrder, showStorageChain } from './report-commands';
import { showReferences } from './show-references';
import { allowedHere } from './trust';
import { migrateWorkspace, newKubernetesService } from './workspace-commands';

export function registerCommands(session: ServerSession): vscode.Disposable[] {
  const handlers: Record<string, (...args: unknown[]) => Promise<void>> = {
    [COMMANDS.regenerateAll]: () => regenerate(session, COMMANDS.regenerateAll),
    ...Object.fromEntries(Object.values(COMMANDS.regenerate).map((id) => [id, () => regenerate(session, id)])),
    [COMMANDS.showGeneratedChanges]: () => showGeneratedChanges(session),
    [COMMANDS.migrateWorkspace]: () => migrateWorkspace(session),
    [COMMANDS.newKubernetesService]: () => newKubernetesService(session),
    [COMMANDS.showStorageChain]: () => showStorageChain(session),
    [COMMANDS.showDeployOrder]: () => showDeployOrder(session),
    [COMMANDS.restartServer]: () => session.restart(),
    [COMMANDS.showLog]: async () => session.log.show(true),
  };
  const disposables: vscode.Disposable[] = [registerBeforeContent()];
  disposables.push(
    ...Object.entries(handlers).map(([id, run]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (await allowedHere(id)) await run(...args);
      }),
    ),
  );
  disposables.push(
    vscode.commands.registerCommand(COMMANDS.showReferences, (uri: string, position, locations) => showReferences(session, uri, position, locations)),
    regenerateOnSave(session),
  );
  return disposables;
}
