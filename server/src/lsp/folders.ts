/**
 * One analysis per workspace folder. Each folder has its own session, URI mapper and handlers
 * (handlers/ binds them to a `FolderConnection`, which looks like the connection to them); the
 * router registers each request once on the real connection and hands it to the folder that holds
 * its document (the innermost, for nested folders). Requests without a document: workspace symbols
 * come from every folder, a command goes to the folder its arguments name, else the first.
 */
import type { Connection, Disposable } from 'vscode-languageserver';
import type { UriMapper } from './convert';
import type { LiveSession } from './session';

/** The requests a folder answers, as handlers/ registers them. */
const BY_DOCUMENT = [
  'onDefinition',
  'onReferences',
  'onPrepareRename',
  'onRenameRequest',
  'onHover',
  'onCompletion',
  'onDocumentSymbol',
  'onDocumentLinks',
  'onCodeLens',
  'onFoldingRanges',
  'onSelectionRanges',
  'onCodeAction',
] as const;
type DocumentRequest = (typeof BY_DOCUMENT)[number];
type Request = DocumentRequest | 'onWorkspaceSymbol' | 'onExecuteCommand' | 'onSemanticTokens' | 'onCodeActionResolve';
type SemanticTokensHandler = Parameters<Connection['languages']['semanticTokens']['on']>[0];

/** What handlers/ uses of a connection: the request registrations, and the rest passed through. */
export type FolderConnection = Pick<Connection, Exclude<Request, 'onSemanticTokens'> | 'console' | 'window' | 'workspace'> & {
  /** `textDocument/semanticTokens/full` (the connection's `languages.semanticTokens.on`). */
  onSemanticTokens(handler: SemanticTokensHandler): Disposable;
};

type Handler = (...args: unknown[]) => unknown;

export interface Folder {
  uri: string;
  uris: UriMapper;
  session: LiveSession;
  handlers: Partial<Record<Request, Handler>>;
}

const none: Disposable = { dispose: () => undefined };

export class FolderRouter {
  private readonly folders: Folder[] = [];

  constructor(private readonly connection: Connection) {
    for (const name of BY_DOCUMENT) {
      (connection[name] as (h: Handler) => Disposable)((params, ...rest) => {
        const uri = (params as { textDocument: { uri: string } }).textDocument.uri;
        return this.folderOf(uri)?.handlers[name]?.(params, ...rest) ?? null;
      });
    }
    connection.languages.semanticTokens.on((params, ...rest) => (this.folderOf(params.textDocument.uri)?.handlers.onSemanticTokens?.(params, ...rest) ?? { data: [] }) as never);
    connection.onWorkspaceSymbol(async (params, ...rest) => {
      const all = await Promise.all(this.folders.map((f) => f.handlers.onWorkspaceSymbol?.(params, ...rest)));
      return all.flatMap((r) => (Array.isArray(r) ? r : []));
    });
    // A code action to resolve names its document in `data.uri` (the actions that need resolving carry it).
    connection.onCodeActionResolve((action, ...rest) => {
      const uri = (action.data as { uri?: unknown } | undefined)?.uri;
      const folder = typeof uri === 'string' ? this.folderOf(uri) : undefined;
      return (folder?.handlers.onCodeActionResolve?.(action, ...rest) ?? action) as never;
    });
    connection.onExecuteCommand((params, ...rest) => {
      const folder = this.folderNamedBy(params.arguments) ?? this.folders[0];
      return (folder?.handlers.onExecuteCommand?.(params, ...rest) ?? null) as never;
    });
  }

  /** A connection for one folder's handlers: its registrations are kept for the router. */
  connectionFor(handlers: Folder['handlers']): FolderConnection {
    const c = this.connection;
    const register = (name: Request) => (h: Handler) => {
      handlers[name] = h;
      return none;
    };
    const requests = Object.fromEntries([...BY_DOCUMENT, 'onWorkspaceSymbol', 'onExecuteCommand', 'onSemanticTokens', 'onCodeActionResolve'].map((n) => [n, register(n as Request)]));
    return { ...(requests as Omit<FolderConnection, 'console' | 'window' | 'workspace'>), console: c.console, window: c.window, workspace: c.workspace };
  }

  add(folder: Folder): void {
    this.folders.push(folder);
  }

  remove(uri: string): Folder | undefined {
    const i = this.folders.findIndex((f) => sameUri(f.uri, uri));
    return i < 0 ? undefined : this.folders.splice(i, 1)[0];
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The folder holding a document, with its path there: the innermost when folders nest. */
  folderOf(uri: string): Folder | undefined {
    let best: Folder | undefined;
    let bestLength = -1;
    for (const f of this.folders) {
      const path = f.uris.toPath(uri);
      if (path !== undefined && f.uri.length > bestLength) {
        best = f;
        bestLength = f.uri.length;
      }
    }
    return best;
  }

  /** A command's folder: the first argument that is a URI, or an object with `uri` or `folder`. */
  private folderNamedBy(args: unknown[] | undefined): Folder | undefined {
    for (const a of args ?? []) {
      const named = typeof a === 'string' ? a : a && typeof a === 'object' ? ((a as { folder?: unknown; uri?: unknown }).folder ?? (a as { uri?: unknown }).uri) : undefined;
      if (typeof named !== 'string') continue;
      const exact = this.folders.find((f) => sameUri(f.uri, named));
      const holder = exact ?? this.folderOf(named);
      if (holder) return holder;
    }
    return undefined;
  }
}

function sameUri(a: string, b: string): boolean {
  const plain = (u: string) => {
    try {
      return decodeURIComponent(u).replace(/\/+$/, '');
    } catch {
      return u.replace(/\/+$/, '');
    }
  };
  return plain(a) === plain(b);
}
