/** Commands that change the workspace through the server: migrations and Kubernetes scaffolds. */
import { COMMANDS, titleOf } from '../../../shared/commands';
import * as vscode from 'vscode';
import type { ServerSession } from '../server-session';
import { callServer } from './server-command';
import { validateServiceName } from './service-name';

/**
 * "Migrate workspace…": the pending migrations with the number of entities each changes; the chosen
 * ones are applied by the server as one WorkspaceEdit (workspace/applyEdit) whose changes need
 * confirmation, so VS Code shows its refactor preview first and Undo reverts all of it.
 */
export async function migrateWorkspace(session: ServerSession): Promise<void> {
  const id = COMMANDS.migrateWorkspace;
  const listed = await callServer(session, id, []);
  if (!listed.ok) return;
  const pending = (listed.result as { pending?: { id: string; title: string; phase: number; count: number }[] }).pending ?? [];
  if (pending.length === 0) {
    void vscode.window.showInformationMessage(`${titleOf(id)}: nothing to migrate; the workspace uses the current format.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    pending.map((p) => ({ label: p.title, description: `phase ${p.phase} · ${p.count} entit${p.count === 1 ? 'y' : 'ies'}`, id: p.id, picked: true })),
    { title: titleOf(id), canPickMany: true, placeHolder: 'Migrations to apply (the changes open in a preview before anything is applied)' },
  );
  if (!picked || picked.length === 0) return;
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: titleOf(id) }, () =>
    callServer(session, id, [{ ids: picked.map((p) => p.id), apply: true }]),
  );
  if (!answer.ok) return;
  const r = answer.result as { applied?: boolean; fillIns?: string[] };
  for (const f of r.fillIns ?? []) session.log.info(`To fill in after migrating: ${f}`);
  const fill = r.fillIns?.length ? ` ${r.fillIns.length} item(s) to fill in are listed in the Strata output.` : '';
  void vscode.window.showInformationMessage(r.applied ? `${titleOf(id)}: applied ${picked.length} migration(s).${fill}` : `${titleOf(id)}: not applied.`);
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
  const name = await vscode.window.showInputBox({
    title: titleOf(id),
    prompt: 'Name of the service (its folder under the Kubernetes base folder)',
    placeHolder: 'my-service',
    validateInput: validateServiceName,
  });
  if (name === undefined) return;
  const picked = await vscode.window.showQuickPick(
    OPTIONS.map((o) => ({ ...o, picked: false })),
    { title: `${titleOf(id)} ${name}`, canPickMany: true, placeHolder: 'What the service needs (none is fine)' },
  );
  if (picked === undefined) return;
  const options = Object.fromEntries([['name', name], ...picked.map((p) => [p.key, true])]);
  // dryRun: the server plans through the writer's checks and writes nothing; the editor creates the files.
  const answer = await callServer(session, id, [{ ...options, dryRun: true }]);
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
