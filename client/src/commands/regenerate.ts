/** "Strata: Regenerate all" and one command per generator, with progress and a summary. */
import { COMMANDS, titleOf } from '../../../shared/commands';
import * as vscode from 'vscode';
import type { ServerSession } from '../server-session';
import { leftOutSentence, summarizeRegenerate } from './regenerate-summary';
import { callServer } from './server-command';

/** The workspace folder to regenerate (the server keeps one analysis per folder): the active editor's, else the first. */
function folderArgs(doc: vscode.TextDocument | undefined): unknown[] {
  const folder = doc ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
  return folder ? [{ folder: folder.uri.toString() }] : [];
}

export async function regenerate(session: ServerSession, id: string): Promise<void> {
  const title = titleOf(id);
  const args = folderArgs(vscode.window.activeTextEditor?.document);
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}…` }, () => callServer(session, id, args));
  if (!answer.ok) return;
  const summary = summarizeRegenerate(title, answer.result);
  const leftOut = leftOutSentence(answer.result);
  const text = summary.text + leftOut;
  session.log.info(text);
  const showChanges = 'Show changes';
  const actions = session.offeredCommands().includes(COMMANDS.showGeneratedChanges) ? [showChanges] : [];
  const show = summary.failed || leftOut ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  if ((await show(text, ...actions)) === showChanges) await vscode.commands.executeCommand(COMMANDS.showGeneratedChanges);
}

/** `strata.generate.onSave`: regenerate quietly after a topology file is saved (trusted workspaces only). */
export function regenerateOnSave(session: ServerSession): vscode.Disposable {
  let running: Promise<unknown> | undefined;
  return vscode.workspace.onDidSaveTextDocument((doc) => {
    if (doc.languageId !== 'yaml' || !vscode.workspace.getWorkspaceFolder(doc.uri)) return;
    if (!vscode.workspace.getConfiguration('strata', doc.uri).get<boolean>('generate.onSave', false)) return;
    if (!vscode.workspace.isTrusted || running || !session.offeredCommands().includes(COMMANDS.regenerateAll)) return;
    running = session
      .executeServerCommand(COMMANDS.regenerateAll, folderArgs(doc))
      .then((result) => session.log.info(summarizeRegenerate('Regenerate on save', result).text + leftOutSentence(result)))
      .catch((e: unknown) => session.log.error(`Regenerate on save failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (running = undefined));
    vscode.window.setStatusBarMessage('$(sync~spin) Strata: regenerating', running);
  });
}
