/** Commands that change the workspace through the server: migrations and Kubernetes scaffolds. */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/core/commands';
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

/** The scaffold's answer (ScaffoldResult of server/src/core/kubernetes/scaffold.ts). */
type ScaffoldAnswer = { ok: true; files: { path: string; content: string }[]; notes: string[] } | { ok: false; error: string };

const OPTIONS = [
  { label: 'Exposed', description: 'an IngressRoute and a public host name', key: 'exposed' },
  { label: 'Metrics', description: 'a ServiceMonitor', key: 'metrics' },
  { label: 'Secrets', description: 'an ExternalSecret', key: 'secrets' },
] as const;

/**
 * "New Kubernetes service…": the server plans the files (never over an existing folder); the
 * editor creates them as one WorkspaceEdit, so Undo removes them again.
 */
export async function newKubernetesService(session: ServerSession): Promise<void> {
  const id = COMMANDS.newKubernetesService;
  const name = await vscode.window.showInputBox({ title: titleOf(id), prompt: 'Name of the service (its folder under the Kubernetes base folder)', placeHolder: 'my-service', validateInput: validateServiceName });
  if (name === undefined) return;
  const picked = await vscode.window.showQuickPick(OPTIONS.map((o) => ({ ...o, picked: false })), { title: `${titleOf(id)} ${name}`, canPickMany: true, placeHolder: 'What the service needs (none is fine)' });
  if (picked === undefined) return;
  const options = Object.fromEntries([['name', name], ...picked.map((p) => [p.key, true])]);
  const answer = await callServer(session, id, [options]);
  if (!answer.ok) return;
  const result = answer.result as ScaffoldAnswer;
  if (!result.ok) {
    void vscode.window.showErrorMessage(`${titleOf(id)}: ${result.error}`);
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const edit = new vscode.WorkspaceEdit();
  for (const f of result.files) edit.createFile(vscode.Uri.joinPath(folder.uri, f.path), { contents: new TextEncoder().encode(f.content), ignoreIfExists: false });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`${titleOf(id)}: the files could not be created.`);
    return;
  }
  const readme = result.files.find((f) => f.path.endsWith('/README.md'));
  if (readme) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, readme.path));
  void vscode.window.showInformationMessage([`${titleOf(id)}: created ${result.files.length} files for ${name}.`, ...result.notes].join(' '));
}
