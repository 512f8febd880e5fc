/**
 * "Show changes" after a regeneration: a diff of each generated file, its content before the run
 * (served from memory under the `strata-before` scheme) against the file now on disk.
 */
import { COMMANDS } from '../../../shared/commands';
import * as vscode from 'vscode';
import type { GeneratedChange } from '../../../shared/protocol';
import type { ServerSession } from '../server-session';
import { callServer } from './server-command';

const SCHEME = 'strata-before';
const before = new Map<string, string>();

export function registerBeforeContent(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => before.get(uri.toString()) ?? '' });
}

export async function showGeneratedChanges(session: ServerSession): Promise<void> {
  const answer = await callServer(session, COMMANDS.showGeneratedChanges, []);
  if (!answer.ok) return;
  const changes = ((answer.result ?? []) as GeneratedChange[]).filter((c) => c.action === 'written');
  if (changes.length === 0) {
    void vscode.window.showInformationMessage('Strata: the last regeneration changed no file.');
    return;
  }
  const pick =
    changes.length === 1
      ? changes[0]
      : await vscode.window
          .showQuickPick(
            changes.map((c) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri)), description: `${c.generator} · ${c.before === undefined ? 'new' : 'changed'}`, change: c })),
            { title: 'Strata: generated files changed by the last run', placeHolder: 'File to compare with its previous content' },
          )
          .then((p) => p?.change);
  if (!pick) return;
  const right = vscode.Uri.parse(pick.uri);
  const left = vscode.Uri.from({ scheme: SCHEME, path: right.path, query: String(Date.now()) });
  before.set(left.toString(), pick.before ?? '');
  await vscode.commands.executeCommand('vscode.diff', left, right, `${vscode.workspace.asRelativePath(right)} (before ↔ after regenerate)`);
}
