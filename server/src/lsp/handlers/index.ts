/**
 * Binds each LSP request of one workspace folder to its core feature, one file per feature group;
 * conversion lives in ../convert.ts, state in ../session.ts.
 */
import type { ClientCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { UriMapper } from '../convert';
import type { CommandContext } from '../editor-commands';
import type { FolderConnection } from '../folders';
import type { LiveSession } from '../session';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './code-lens';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { handlerContext, type HandlerHost } from './context';
import { registerHover } from './hover';
import { registerNavigation } from './navigation';
import { registerStructure } from './structure';
import { registerSymbols } from './symbols';

export type { DiskHost, HandlerHost } from './context';

export function registerHandlers(connection: FolderConnection, documents: TextDocuments<TextDocument>, session: LiveSession, uris: UriMapper, caps: ClientCapabilities, host: HandlerHost): void {
  const ctx = handlerContext(connection, documents, session, uris, caps, host);
  const editor: CommandContext = { connection, session, uris, caps, converter: () => ctx.analysed(session.current()?.model) };
  registerNavigation(ctx);
  registerHover(ctx);
  registerCompletion(ctx);
  registerSymbols(ctx);
  registerStructure(ctx);
  registerCodeLens(ctx);
  registerCodeActions(ctx);
  registerCommands(ctx, editor);
}
