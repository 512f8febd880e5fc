/** Connection wiring: capabilities, document sync, watched files, settings. Features are in handlers.ts. */
import { SERVER_EDITOR_COMMANDS } from './editor-commands';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind, WatchKind, type ClientCapabilities, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { topologyDeclarations } from '../core/model/topology-schema';
import type { SeveritySetting } from '../core/types';
import type { FileSystem } from '../core/workspace/file-system';
import { toDiagnostic, UriMapper } from './convert';
import { registerHandlers } from './handlers';
import { DEFAULT_DEBOUNCE_MS, SETTINGS_SECTION, SHOW_REFERENCES_COMMAND, type StrataSettings } from './protocol';
import { LiveSession, type FileChange } from './session';

export interface ServerEnv {
  /** The files under a workspace root URI (Node: the disk; a browser: its own store). */
  fileSystem(rootUri: string): FileSystem;
  /** The root used when the client names no workspace folder. */
  defaultRootUri(): string;
  debounceMs?: number;
  /** Receives the session once initialized (tests and the benchmark observe analyses through it). */
  onSession?(session: LiveSession): void;
}

export function startServer(connection: Connection, env: ServerEnv): void {
  const documents = new TextDocuments(TextDocument);
  let session: LiveSession | undefined;
  let uris: UriMapper | undefined;
  let caps: ClientCapabilities = {};

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? env.defaultRootUri();
    uris = new UriMapper(rootUri);
    const mapper = uris;
    session = new LiveSession(env.fileSystem(rootUri), topologyDeclarations(), {
      publish: (path, diagnostics, version) => {
        try {
          void connection.sendDiagnostics({ uri: mapper.toUri(path), diagnostics: diagnostics.map((d) => toDiagnostic(d, mapper)), ...(version !== undefined ? { version } : {}) });
        } catch {
          // The client went away without a shutdown (the connection is closed): nothing to publish to.
          session?.dispose();
        }
      },
      log: (m) => connection.console.error(m),
    }, env.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    registerHandlers(connection, documents, session, uris, caps);
    // One info line per analysis: the client's log level decides whether it is shown.
    session.onAnalyzed((a, ms) => {
      const count = (sev: string) => a.diagnostics.filter((d) => d.severity === sev).length;
      connection.console.info(`analysed ${a.files.length} files, ${a.model?.entities.length ?? 0} entities in ${ms.toFixed(0)} ms: ${count('error')} errors, ${count('warning')} warnings`);
    });
    env.onSession?.(session);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '-', '/', '['], resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [SHOW_REFERENCES_COMMAND, ...SERVER_EDITOR_COMMANDS] },
      },
      serverInfo: { name: 'strata' },
    };
  });

  connection.onInitialized(async () => {
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
      });
    }
    if (caps.workspace?.configuration && caps.workspace.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    await pullSettings();
    session?.flush();
  });

  /** Settings come through workspace/configuration, and only from clients that support it. */
  async function pullSettings(pushed?: unknown): Promise<void> {
    let settings: StrataSettings | undefined;
    if (caps.workspace?.configuration) {
      settings = (await connection.workspace.getConfiguration(SETTINGS_SECTION).catch(() => undefined)) as StrataSettings | undefined;
    } else settings = (pushed as Record<string, StrataSettings> | undefined)?.[SETTINGS_SECTION];
    session?.setRules(validRules(settings?.rules));
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
    const enabled = settings?.generate?.enabled;
    session?.setOverrides({
      root: text(settings?.root),
      kubernetesBase: text(settings?.kubernetes?.base),
      output: text(settings?.output),
      generators: Array.isArray(enabled) && enabled.length > 0 ? enabled.filter((g): g is string => typeof g === 'string') : undefined,
    });
  }

  connection.onDidChangeConfiguration(({ settings }) => void pullSettings(settings));

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!session || !uris) return;
    const type = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    const list: FileChange[] = [];
    for (const c of changes) {
      const path = uris.toPath(c.uri);
      if (path !== undefined) list.push({ path, type: type[c.type] });
    }
    session.filesChanged(list);
  });

  documents.onDidOpen(({ document }) => withPath(document.uri, (p) => session?.open(p, document.getText(), document.version)));
  documents.onDidChangeContent(({ document }) => withPath(document.uri, (p) => session?.change(p, document.getText(), document.version)));
  documents.onDidClose(({ document }) => withPath(document.uri, (p) => session?.close(p)));
  function withPath(uri: string, f: (path: string) => void): void {
    const path = uris?.toPath(uri);
    if (path !== undefined) f(path);
  }

  // A debounced analysis must not publish into a connection that is shutting down or gone.
  connection.onShutdown(() => session?.dispose());
  documents.listen(connection);
  connection.listen();
}

function validRules(rules: unknown): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (!rules || typeof rules !== 'object') return out;
  for (const [id, sev] of Object.entries(rules)) if (['off', 'hint', 'info', 'warning', 'error'].includes(String(sev))) out[id] = sev as SeveritySetting;
  return out;
}
