/** Connection wiring: capabilities, document sync, watched files, settings, workspace folders. Features are in handlers/, routing to a folder in folders.ts. */
import { serverCommandIds } from '../../../shared/commands';
import {
  type Diagnostic as LspDiagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FOLD_ABOVE, SEMANTIC_TOKEN_TYPES, topologyDeclarations, type AnalyzeOptions, type Diagnostic, type FileSystem, type SeveritySetting } from '../core';
import { toDiagnostic, UriMapper } from './convert';
import { FolderRouter, type Folder } from './folders';
import { registerHandlers, type DiskHost } from './handlers';
import { DEFAULT_DEBOUNCE_MS, SETTINGS_SECTION, type StrataInitializationOptions, type StrataSettings } from '../../../shared/protocol';
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
  new StrataServer(connection, env).listen();
}

/** One connection's state: the open documents, the folders and what the client said at initialize. */
class StrataServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly router: FolderRouter;
  private caps: ClientCapabilities = {};
  private regenerateOnSave = false;
  /** Settings as last pushed, for clients without workspace/configuration. */
  private pushedSettings: StrataSettings | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly env: ServerEnv,
  ) {
    this.router = new FolderRouter(connection);
  }

  listen(): void {
    const { connection } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    connection.onDidChangeConfiguration(({ settings }) => this.settingsPushed(settings));
    connection.onDidChangeWatchedFiles(({ changes }) => this.filesChanged(changes));
    this.syncDocuments();
    // A debounced analysis must not publish into a connection that is shutting down or gone.
    connection.onShutdown(() => {
      for (const f of this.router.all()) f.session.dispose();
    });
    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as StrataInitializationOptions;
    const roots = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : [params.rootUri ?? this.env.defaultRootUri()];
    const disk = this.env.disk?.(roots[0]!);
    this.regenerateOnSave = !!disk && init.clientRegeneratesOnSave !== true;
    for (const root of roots) this.addFolder(root);
    return { capabilities: serverCapabilities(this.regenerateOnSave, disk), serverInfo: { name: 'strata' } };
  }

  /** A workspace folder's own session, URI mapper and handlers. */
  private addFolder(rootUri: string): Folder {
    const uris = new UriMapper(rootUri);
    const session = this.newSession(rootUri, uris);
    const folder: Folder = { uri: rootUri, uris, session, handlers: {} };
    const disk = this.env.disk?.(rootUri);
    const host = { disk, regenerateOnSave: this.regenerateOnSave && !!disk, settings: () => this.currentSettings(rootUri) };
    registerHandlers(this.router.connectionFor(folder.handlers), this.documents, session, uris, this.caps, host);
    this.logAnalyses(session, rootUri);
    this.router.add(folder);
    this.env.onSession?.(session);
    return folder;
  }

  private newSession(rootUri: string, uris: UriMapper): LiveSession {
    const convert = diagnosticConverter(uris);
    const session: LiveSession = new LiveSession(
      this.env.fileSystem(rootUri),
      topologyDeclarations(),
      {
        publish: (path, diagnostics, version) => {
          try {
            void this.connection.sendDiagnostics({ uri: uris.toUri(path), diagnostics: diagnostics.map(convert), ...(version !== undefined ? { version } : {}) });
          } catch {
            // The client went away without a shutdown (the connection is closed): nothing to publish to.
            session.dispose();
          }
        },
        log: (m) => this.connection.console.error(m),
      },
      this.env.debounceMs ?? DEFAULT_DEBOUNCE_MS,
    );
    return session;
  }

  /** One info line per analysis: the client's log level decides whether it is shown. */
  private logAnalyses(session: LiveSession, rootUri: string): void {
    session.onAnalyzed((a, ms) => {
      const where = this.router.all().length > 1 ? ` (${rootUri})` : '';
      this.connection.console.info(
        `analysed ${a.files.length} files, ${a.model?.entities.length ?? 0} entities in ${ms.toFixed(0)} ms (${a.reused.length} rule results carried over): ${a.counts.error} errors, ${a.counts.warning} warnings${where}`,
      );
    });
  }

  /** A folder closed: its work stops and its findings are taken back. */
  private removeFolder(uri: string): void {
    const folder = this.router.remove(uri);
    if (!folder) return;
    folder.session.dispose();
    folder.session.unpublishAll();
  }

  private async initialized(): Promise<void> {
    this.registerDynamically();
    for (const f of this.router.all()) await this.pullSettings(f);
    for (const f of this.router.all()) f.session.flush();
  }

  private registerDynamically(): void {
    const { caps, connection } = this;
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // YAML (topology and manifests), JSON (the repository's schema of the format), README.md (Kubernetes service folders need one), and creations/deletions anywhere.
        watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.json' }, { globPattern: '**/README.md' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
      });
    }
    if (caps.workspace?.configuration && caps.workspace.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (caps.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => this.foldersChanged(e));
  }

  private async foldersChanged({ added, removed }: WorkspaceFoldersChangeEvent): Promise<void> {
    for (const f of removed) this.removeFolder(f.uri);
    const fresh = added.filter((f) => !this.router.all().some((x) => x.uri === f.uri)).map((f) => this.addFolder(f.uri));
    // Documents already open in a new folder are its overlays from now on.
    for (const d of this.documents.all()) {
      const folder = this.router.folderOf(d.uri);
      const path = folder && fresh.includes(folder) ? folder.uris.toPath(d.uri) : undefined;
      if (folder && path !== undefined) folder.session.open(path, d.getText(), d.version);
    }
    for (const f of fresh) await this.pullSettings(f);
    for (const f of fresh) f.session.flush();
  }

  /** Settings come through workspace/configuration (per folder) from clients that support it; else as last pushed. */
  private async currentSettings(scopeUri: string): Promise<StrataSettings | undefined> {
    if (!this.caps.workspace?.configuration) return this.pushedSettings;
    return (await this.connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }).catch(() => undefined)) as StrataSettings | undefined;
  }

  private async pullSettings(folder: Folder): Promise<void> {
    const settings = await this.currentSettings(folder.uri);
    folder.session.setRules(validRules(settings?.rules));
    folder.session.setOverrides(configOverrides(settings));
    const foldAbove = settings?.diagnostics?.foldAbove;
    folder.session.setFoldAbove(typeof foldAbove === 'number' && Number.isFinite(foldAbove) && foldAbove >= 0 ? Math.floor(foldAbove) : FOLD_ABOVE);
  }

  private settingsPushed(settings: unknown): void {
    if (!this.caps.workspace?.configuration) this.pushedSettings = (settings as Record<string, StrataSettings> | undefined)?.[SETTINGS_SECTION];
    for (const f of this.router.all()) void this.pullSettings(f);
  }

  private filesChanged(changes: FileEvent[]): void {
    const type = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    const byFolder = new Map<Folder, FileChange[]>();
    for (const c of changes) {
      const folder = this.router.folderOf(c.uri);
      const path = folder?.uris.toPath(c.uri);
      if (!folder || path === undefined) continue;
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), { path, type: type[c.type] }]);
    }
    for (const [folder, list] of byFolder) folder.session.filesChanged(list);
  }

  /** Open documents are their folder's overlays. */
  private syncDocuments(): void {
    const withPath = (uri: string, f: (session: LiveSession, path: string) => void): void => {
      const folder = this.router.folderOf(uri);
      const path = folder?.uris.toPath(uri);
      if (folder && path !== undefined) f(folder.session, path);
    };
    this.documents.onDidOpen(({ document }) => withPath(document.uri, (s, p) => s.open(p, document.getText(), document.version)));
    this.documents.onDidChangeContent(({ document }) => withPath(document.uri, (s, p) => s.change(p, document.getText(), document.version)));
    this.documents.onDidClose(({ document }) => withPath(document.uri, (s, p) => s.close(p)));
  }
}

function serverCapabilities(regenerateOnSave: boolean, disk: DiskHost | undefined): ServerCapabilities {
  return {
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
    executeCommandProvider: { commands: serverCommandIds(disk !== undefined) },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** A diagnostic carried over from the last analysis is the same object: its protocol form is too. */
function diagnosticConverter(uris: UriMapper): (d: Diagnostic) => LspDiagnostic {
  const converted = new WeakMap<Diagnostic, LspDiagnostic>();
  return (d) => {
    let c = converted.get(d);
    if (!c) converted.set(d, (c = toDiagnostic(d, uris)));
    return c;
  };
}

/** The settings that win over `.strata.yaml` (blank ones leave it to `.strata.yaml`). */
function configOverrides(settings: StrataSettings | undefined): NonNullable<AnalyzeOptions['overrides']> {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const enabled = settings?.generate?.enabled;
  return {
    root: text(settings?.root),
    kubernetesBase: text(settings?.kubernetes?.base),
    output: text(settings?.output),
    generators: Array.isArray(enabled) && enabled.length > 0 ? enabled.filter((g): g is string => typeof g === 'string') : undefined,
  };
}

function validRules(rules: unknown): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (!rules || typeof rules !== 'object') return out;
  for (const [id, sev] of Object.entries(rules)) if (['off', 'hint', 'info', 'warning', 'error'].includes(String(sev))) out[id] = sev as SeveritySetting;
  return out;
}
