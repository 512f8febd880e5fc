/**
 * The server's "N references" code lens carries `strata.showReferences` with the arguments of
 * VS Code's `editor.action.showReferences` (shared/commands.ts); this maps it onto the
 * editor's reference peek.
 */
import * as vscode from 'vscode';
import type { Location, Position } from 'vscode-languageclient/node';
import type { ServerSession } from '../server-session';

export async function showReferences(session: ServerSession, uri: string, position: Position, locations: Location[]): Promise<void> {
  const p2c = session.languageClient.protocol2CodeConverter;
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    p2c.asUri(uri),
    p2c.asPosition(position),
    locations.map((l) => p2c.asLocation(l)),
  );
}
