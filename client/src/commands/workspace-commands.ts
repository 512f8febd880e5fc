/** Commands that change the workspace through the server: migrations and Kubernetes scaffolds. */
import * as vscode from 'vscode';
import { EDITOR_COMMANDS } from '../../../server/src/core/editor-commands';
import type { ServerSession } from '../server-session';
import { titleOf } from './command-table';
import { callServer } from './server-command';
import { validateServiceName } from './service-name';

/** "Migrate workspace…": the server applies the edits with workspace/applyEdit, so Undo works. */
export async function migrateWorkspace(session: ServerSession): Promise<void> {
  const id = EDITOR_COMMANDS.migrateWorkspace;
  const apply = 'Migrate';
  const pick = await vscode.window.showWarningMessage(
    'Apply every pending format migration to the topology files? The edits open as unsaved changes you can review and undo.',
    { modal: true },
    apply,
  );
  if (pick !== apply) return;
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${titleOf(id)}` }, () => callServer(session, id, []));
  if (answer.ok) void vscode.window.showInformationMessage(typeof answer.result === 'string' ? answer.result : `${titleOf(id)}: done.`);
}

export async function newKubernetesService(session: ServerSession): Promise<void> {
  const id = EDITOR_COMMANDS.newKubernetesService;
  const name = await vscode.window.showInputBox({ title: titleOf(id), prompt: 'Name of the service (its folder under the Kubernetes base folder)', placeHolder: 'my-service', validateInput: validateServiceName });
  if (name === undefined) return;
  const answer = await callServer(session, id, [{ name }]);
  if (answer.ok) void vscode.window.showInformationMessage(typeof answer.result === 'string' ? answer.result : `${titleOf(id)}: created ${name}.`);
}
