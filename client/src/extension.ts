/**
 * Strata for VS Code: starts the bundled language server and contributes the status bar item,
 * the "Strata" log and the Strata commands. Activated by a workspace with topology.yaml or
 * kubernetes/base/, or by any Strata command.
 */
import type * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import { ServerSession } from './server-session';

let session: ServerSession | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  session = new ServerSession(context);
  context.subscriptions.push(...registerCommands(session));
  await session.start();
}

export async function deactivate(): Promise<void> {
  await session?.dispose();
  session = undefined;
}
