/** Commands that change the workspace through the server: migrations and Kubernetes scaffolds. */
import * as vscode from 'vscode';
import { EDITOR_COMMANDS } from '../../../server/src/core/editor-commands';
import type { ServerSession } from '../server-session';
import { titleOf } from './command-table';
import { callServer } from './server-command';

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

/** Kubernetes names are DNS labels (RFC 1123), so the scaffold's folder and resources share one name. */
export function validateServiceName(name: string): string | undefined {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > 63) return 'At most 63 characters.';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return 'Lower-case letters, digits and "-", starting and ending with a letter or digit.';
  return undefined;
}

export async function newKubernetesService(session: ServerSession): Promise<void> {
  const id = EDITOR_COMMANDS.newKubernetesService;
  const name = await vscode.window.showInputBox({ title: titleOf(id), prompt: 'Name of the service (its folder under the Kubernetes base folder)', placeHolder: 'my-service', validateInput: validateServiceName });
  if (name === undefined) return;
  const answer = await callServer(session, id, [{ name }]);
  if (answer.ok) void vscode.window.showInformationMessage(typeof answer.result === 'string' ? answer.result : `${titleOf(id)}: created ${name}.`);
}
