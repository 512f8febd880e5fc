/** Commands that answer with a report (Markdown from the server), shown as a preview beside the editor. */
import { COMMANDS, titleOf } from '../../../shared/commands';
import * as vscode from 'vscode';
import type { ServerSession } from '../server-session';
import { callServer } from './server-command';

async function showMarkdown(markdown: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
}

/** The storage chain under the entity at the cursor (data asset, volume, mount, filesystem …). */
export async function showStorageChain(session: ServerSession): Promise<void> {
  const id = COMMANDS.showStorageChain;
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'yaml') {
    void vscode.window.showInformationMessage(`${titleOf(id)}: place the cursor on an entity in a topology file first.`);
    return;
  }
  const c2p = session.languageClient.code2ProtocolConverter;
  const answer = await callServer(session, id, [c2p.asUri(editor.document.uri), c2p.asPosition(editor.selection.active)]);
  if (!answer.ok) return;
  if (typeof answer.result === 'string' && answer.result.length > 0) await showMarkdown(answer.result);
  else void vscode.window.showInformationMessage(`${titleOf(id)}: the cursor is not on an entity with a storage chain.`);
}

export async function showDeployOrder(session: ServerSession): Promise<void> {
  const id = COMMANDS.showDeployOrder;
  const answer = await callServer(session, id, []);
  if (answer.ok && typeof answer.result === 'string') await showMarkdown(answer.result);
}
