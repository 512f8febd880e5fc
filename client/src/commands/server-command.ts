/** Palette command -> workspace/executeCommand, with a clear answer when the server cannot run it. */
import { titleOf } from '../../../shared/commands';
import * as vscode from 'vscode';
import type { ServerSession } from '../server-session';

export type ServerAnswer = { ok: true; result: unknown } | { ok: false };

export function notOfferedMessage(id: string): string {
  return `${titleOf(id)} is not available: this Strata language server does not offer the command "${id}".`;
}

export async function callServer(session: ServerSession, id: string, args: unknown[]): Promise<ServerAnswer> {
  if (!session.running) {
    void vscode.window.showWarningMessage(`${titleOf(id)}: the Strata language server is not running. Run "Strata: Restart server".`);
    return { ok: false };
  }
  if (!session.offeredCommands().includes(id)) {
    session.log.warn(`${id}: not in the server's executeCommandProvider.commands (${session.offeredCommands().join(', ') || 'none'}).`);
    void vscode.window.showWarningMessage(notOfferedMessage(id));
    return { ok: false };
  }
  try {
    return { ok: true, result: await session.executeServerCommand(id, args) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    session.log.error(`${id} failed: ${message}`);
    const showLog = 'Show log';
    void vscode.window.showErrorMessage(`${titleOf(id)} failed: ${message}`, showLog).then((pick) => pick === showLog && session.log.show(true));
    return { ok: false };
  }
}
