/** Connection wiring: capabilities, document sync, watched files, settings. Features are in handlers.ts. */
import { SERVER_EDITOR_COMMANDS } from './editor-commands';
import { type Diagnostic as LspDiagnostic, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind, WatchKind, type ClientCapabilities, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { topologyDeclarations } from '../core/model/topology-schema';
import type { Diagnostic, SeveritySetting } from '../core/types';
import type { FileSystem } from '../core/workspace/file-system';
import { toDiagnostic, UriMapper } from './convert';
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
  let session: LiveSession | undefined;
  let uris: UriMapper | undefined;
  let caps: ClientCapabilities = {};
  /** Settings as last pushed, for clients without workspace/configuration. */
  let pushedSettings: StrataSettings | undefined;

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? env.defaultRootUri();
    uris = new UriMapper(rootUri);
    const mapper = uris;
    // A diagnostic carried over from the last analysis is the same object: its protocol form is too.
    const converted = new WeakMap<Diagnostic, LspDiagnostic>();
    const convert = (d: Diagnostic): LspDiagnostic => {
      let c = converted.get(d);
      if (!c) converted.set(d, (c = toDiagnostic(d, mapper)));
      return c;
    };
    session = new LiveSession(env.fileSystem(rootUri), topologyDeclarations(), {
      publish: (path, diagnostics, version) => {
        try {
          void connection.sendDiagnostics({ uri: mapper.toUri(path), diagnostics: diagnostics.map(convert), ...(version !== undefined ? { version } : {}) });
        } catch {
          // The client went away without a shutdown (the connection is closed): nothing to publish to.
          session?.dispose();
        }
      },
      log: (m) => connection.console.error(m),
    }, env.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    const disk = env.disk?.(rootUri);
    const init = (params.initializationOptions ?? {}) as StrataInitializationOptions;
    const regenerateOnSave = !!disk && init.clientRegeneratesOnSave !== true;
    registerHandlers(connection, documents, session, uris, caps, { disk, regenerateOnSave, settings: currentSettings });
    // One info line per analysis: the client's log level decides whether it is shown.
    session.onAnalyzed((a, ms) => {
      const count = (sev: string) => a.diagnostics.filter((d) => d.severity === sev).length;
      connection.console.info(`analysed ${a.files.length} files, ${a.model?.entities.length ?? 0} entities in ${ms.toFixed(0)} ms (${a.reused.length} rule results carried over): ${count('error')} errors, ${count('warning')} warnings`);
    });
    env.onSession?.(session);
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
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [...serverCommands(disk), ...SERVER_EDITOR_COMMANDS] },
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
    await pullSettings();
    session?.flush();
  });

  /** Settings come through workspace/configuration from clients that support it; else as last pushed. */
  async function currentSettings(): Promise<StrataSettings | undefined> {
    if (!caps.workspace?.configuration) return pushedSettings;
    return (await connection.workspace.getConfiguration(SETTINGS_SECTION).catch(() => undefined)) as StrataSettings | undefined;
  }

  async function pullSettings(pushed?: unknown): Promise<void> {
    if (!caps.workspace?.configuration) pushedSettings = (pushed as Record<string, StrataSettings> | undefined)?.[SETTINGS_SECTION];
    const settings = await currentSettings();
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
