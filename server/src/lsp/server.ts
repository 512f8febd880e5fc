/** Connection wiring: capabilities, document sync, watched files, settings, workspace folders. Features are in handlers.ts, routing to a folder in folders.ts. */
import { SERVER_EDITOR_COMMANDS } from './editor-commands';
import { type Diagnostic as LspDiagnostic, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind, WatchKind, type ClientCapabilities, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKEN_TYPES } from '../core/features/semantic-tokens';
import { topologyDeclarations } from '../core/model/topology-schema';
import type { Diagnostic, SeveritySetting } from '../core/types';
import type { FileSystem } from '../core/workspace/file-system';
import { toDiagnostic, UriMapper } from './convert';
import { FolderRouter, type Folder } from './folders';
import { registerHandlers, serverCommands, type DiskHost } from './handlers';
import { DEFAULT_DEBOUNCE_MS, SETTINGS_SECTION, type StrataInitializationOptions, type StrataSettings } from './protocol';
import { LiveSession, type FileChange } from './session';

export interface ServerEnv {
  /** The files under a workspace root URI (Node: the disk; a browser: its own store). */
  fileSystem(rootUri: string): FileSystem;
  /** The root used when the client names no workspace folder. */
  defaultRootUri(): string;
  debounceMs?: number;
  /** Receives the session once initialized (tests and the benchmark observe analyses through it). */
  onSession?(session: LiveSession): void;
  /**
   * The disk folder behind a root URI, for the commands that write (generators, the Kubernetes
   * scaffold). Without it (a browser) those commands are neither advertised nor run.
   */
  disk?(rootUri: string): DiskHost | undefined;
}

export function startServer(connection: Connection, env: ServerEnv): void {
  const documents = new TextDocuments(TextDocument);
  const router = new FolderRouter(connection);
  let caps: ClientCapabilities = {};
  let regenerateOnSave = false;
  /** Settings as last pushed, for clients without workspace/configuration. */
  let pushedSettings: StrataSettings | undefined;

  /** A workspace folder's own session, URI mapper and handlers. */
  function addFolder(rootUri: string): Folder {
    const uris = new UriMapper(rootUri);
    // A diagnostic carried over from the last analysis is the same object: its protocol form is too.
    const converted = new WeakMap<Diagnostic, LspDiagnostic>();
    const convert = (d: Diagnostic): LspDiagnostic => {
      let c = converted.get(d);
      if (!c) converted.set(d, (c = toDiagnostic(d, uris)));
      return c;
    };
    const session: LiveSession = new LiveSession(env.fileSystem(rootUri), topologyDeclarations(), {
      publish: (path, diagnostics, version) => {
        try {
          void connection.sendDiagnostics({ uri: uris.toUri(path), diagnostics: diagnostics.map(convert), ...(version !== undefined ? { version } : {}) });
        } catch {
          // The client went away without a shutdown (the connection is closed): nothing to publish to.
          session.dispose();
        }
      },
      log: (m) => connection.console.error(m),
    }, env.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    const folder: Folder = { uri: rootUri, uris, session, handlers: {} };
    const disk = env.disk?.(rootUri);
    registerHandlers(router.connectionFor(folder.handlers), documents, session, uris, caps, { disk, regenerateOnSave: regenerateOnSave && !!disk, settings: () => currentSettings(rootUri) });
    // One info line per analysis: the client's log level decides whether it is shown.
    session.onAnalyzed((a, ms) => {
      const count = (sev: string) => a.diagnostics.filter((d) => d.severity === sev).length;
      const where = router.all().length > 1 ? ` (${rootUri})` : '';
      connection.console.info(`analysed ${a.files.length} files, ${a.model?.entities.length ?? 0} entities in ${ms.toFixed(0)} ms (${a.reused.length} rule results carried over): ${count('error')} errors, ${count('warning')} warnings${where}`);
    });
    router.add(folder);
    env.onSession?.(session);
    return folder;
  }

  /** A folder closed: its work stops and its findings are taken back. */
  function removeFolder(uri: string): void {
    const folder = router.remove(uri);
    if (!folder) return;
    folder.session.dispose();
    folder.session.unpublishAll();
  }

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as StrataInitializationOptions;
    const roots = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : [params.rootUri ?? env.defaultRootUri()];
    const disk = env.disk?.(roots[0]!);
    regenerateOnSave = !!disk && init.clientRegeneratesOnSave !== true;
    for (const root of roots) addFolder(root);
    return {
      capabilities: {
        // didSave only matters for regenerate-on-save, which needs a disk (and is not the client's own).
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, ...(regenerateOnSave ? { save: { includeText: false } } : {}) },
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
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: true },
        semanticTokensProvider: { legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] }, full: true },
        executeCommandProvider: { commands: [...serverCommands(disk), ...SERVER_EDITOR_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'strata' },
    };
  });

  connection.onInitialized(async () => {
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // YAML (topology and manifests), JSON (the repository's schema of the format), README.md (Kubernetes service folders need one), and creations/deletions anywhere.
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.json' }, { globPattern: '**/README.md' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
      });
    }
    if (caps.workspace?.configuration && caps.workspace.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
        for (const f of removed) removeFolder(f.uri);
        const fresh = added.filter((f) => !router.all().some((x) => x.uri === f.uri)).map((f) => addFolder(f.uri));
        // Documents already open in a new folder are its overlays from now on.
        for (const d of documents.all()) {
          const folder = router.folderOf(d.uri);
          const path = folder && fresh.includes(folder) ? folder.uris.toPath(d.uri) : undefined;
          if (folder && path !== undefined) folder.session.open(path, d.getText(), d.version);
        }
        for (const f of fresh) await pullSettings(f);
        for (const f of fresh) f.session.flush();
      });
    }
    for (const f of router.all()) await pullSettings(f);
    for (const f of router.all()) f.session.flush();
  });

  /** Settings come through workspace/configuration (per folder) from clients that support it; else as last pushed. */
  async function currentSettings(scopeUri: string): Promise<StrataSettings | undefined> {
    if (!caps.workspace?.configuration) return pushedSettings;
    return (await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }).catch(() => undefined)) as StrataSettings | undefined;
  }

  async function pullSettings(folder: Folder): Promise<void> {
    const settings = await currentSettings(folder.uri);
    folder.session.setRules(validRules(settings?.rules));
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
    const enabled = settings?.generate?.enabled;
    folder.session.setOverrides({
      root: text(settings?.root),
      kubernetesBase: text(settings?.kubernetes?.base),
      output: text(settings?.output),
      generators: Array.isArray(enabled) && enabled.length > 0 ? enabled.filter((g): g is string => typeof g === 'string') : undefined,
    });
  }

  connection.onDidChangeConfiguration(({ settings }) => {
    if (!caps.workspace?.configuration) pushedSettings = (settings as Record<string, StrataSettings> | undefined)?.[SETTINGS_SECTION];
    for (const f of router.all()) void pullSettings(f);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const type = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    const byFolder = new Map<Folder, FileChange[]>();
    for (const c of changes) {
      const folder = router.folderOf(c.uri);
      const path = folder?.uris.toPath(c.uri);
      if (!folder || path === undefined) continue;
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), { path, type: type[c.type] }]);
    }
    for (const [folder, list] of byFolder) folder.session.filesChanged(list);
  });

  documents.onDidOpen(({ document }) => withPath(document.uri, (s, p) => s.open(p, document.getText(), document.version)));
  documents.onDidChangeContent(({ document }) => withPath(document.uri, (s, p) => s.change(p, document.getText(), document.version)));
  documents.onDidClose(({ document }) => withPath(document.uri, (s, p) => s.close(p)));
  function withPath(uri: string, f: (session: LiveSession, path: string) => void): void {
    const folder = router.folderOf(uri);
    const path = folder?.uris.toPath(uri);
    if (folder && path !== undefined) f(folder.session, path);
  }

  // A debounced analysis must not publish into a connection that is shutting down or gone.
  connection.onShutdown(() => {
    for (const f of router.all()) f.session.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

function validRules(rules: unknown): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (!rules || typeof rules !== 'object') return out;
  for (const [id, sev] of Object.entries(rules)) if (['off', 'hint', 'info', 'warning', 'error'].includes(String(sev))) out[id] = sev as SeveritySetting;
  return out;
}
