/**
 * Strata for VS Code: starts the bundled language server and contributes the status bar item,
 * the "Strata" log and the Strata commands, and keeps the include tags in the user's
 * `yaml.customTags`. Activated by a workspace with topology.yaml, .strata.yaml or
 * kubernetes/base/, or by any Strata command.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import { ServerSession } from './server-session';
import { registerTaskProvider } from './tasks';
import { mergeYamlCustomTags } from './yaml-tags';

let session: ServerSession | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  session = new ServerSession(context);
  context.subscriptions.push(...registerCommands(session), registerTaskProvider(context));
  const log = (m: string) => session?.log.info(m);
  void mergeYamlCustomTags(log);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('yaml.customTags') && void mergeYamlCustomTags(log)));
  await session.start();
}

export async function deactivate(): Promise<void> {
  await session?.dispose();
  session = undefined;
}
