/**
 * A real LSP client for protocol tests: it talks JSON-RPC to the real server, in-process over a
 * pair of streams or to a child process over stdio, and waits on events (the next publish for a
 * URI, a response), never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ConfigurationRequest,
  DidSaveTextDocumentNotification,
  LogMessageNotification,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver';
import type { FileSystem } from '../../server/src/core/workspace/file-system';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { startServer, type ServerEnv } from '../../server/src/lsp/server';
import type { LiveSession } from '../../server/src/lsp/session';

export const ROOT_URI = 'file:///ws';

/** What a capable editor declares; tests that need less pass their own. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    definition: { linkSupport: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true },
  },
};

export class TestClient {
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly waiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  /** Returned to workspace/configuration requests (section `strata`). */
  settings: unknown = {};
  registrations: string[] = [];
  result: InitializeResult | undefined;
  /** Tokens the server created with window/workDoneProgress/create, and every progress value sent, in order. */
  progressTokens: (string | number)[] = [];
  progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** window/logMessage lines (the server log). */
  logs: string[] = [];
  private readonly logWaiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  private readonly configWaiters: (() => void)[] = [];
  private readonly anyWaiters: (() => void)[] = [];

  constructor(
    readonly connection: ProtocolConnection,
    readonly rootUri: string,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.latest.set(uri, diagnostics);
      for (const w of this.anyWaiters.splice(0)) w();
      for (const w of this.waiters.filter((x) => x.uri === uri)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(diagnostics);
      }
    });
    connection.onRequest(ConfigurationRequest.type, (p) => {
      for (const w of this.configWaiters.splice(0)) w();
      return p.items.map(() => this.settings);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressTokens.push(p.token);
    });
    // Replaces the connection's own $/progress dispatch: the test sees every progress value.
    connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string } }) => {
      this.progress.push(p);
    });
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      this.logs.push(message);
      for (const w of this.logWaiters.filter((x) => x.match.test(message))) {
        this.logWaiters.splice(this.logWaiters.indexOf(w), 1);
        w.resolve(message);
      }
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
    });
    connection.listen();
  }

  /** A path in the root folder; a URI (another workspace folder's file) as it is. */
  uri(path: string): string {
    return /^\w+:\/\//.test(path) ? path : `${this.rootUri}/${path}`;
  }

  /** `folders`: the workspace folders' URIs (default: the root alone). */
  async initialize(capabilities: ClientCapabilities = FULL_CAPABILITIES, folders: string[] = [this.rootUri]): Promise<InitializeResult> {
    const workspaceFolders = folders.map((uri) => ({ uri, name: uri.split('/').pop() ?? uri }));
    this.result = await this.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: this.rootUri, capabilities, workspaceFolders });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.result;
  }

  /** The diagnostics last published for a file, waiting for the first publish if none came yet. */
  diagnostics(path: string): Promise<Diagnostic[]> {
    const uri = this.uri(path);
    const have = this.latest.get(uri);
    return have ? Promise.resolve(have) : this.nextPublish(path);
  }

  /** What was last published for a file, without waiting (undefined: never published). */
  published(path: string): Diagnostic[] | undefined {
    return this.latest.get(this.uri(path));
  }

  /** Resolves on the next publish for the file: register before the action that causes it. */
  nextPublish(path: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri: this.uri(path), resolve }));
  }

  /** Resolves on the next publish for any file. */
  nextAnyPublish(): Promise<void> {
    return new Promise((resolve) => this.anyWaiters.push(resolve));
  }

  /** Resolves on the next server log line matching `match`: register before the action that causes it. */
  nextLog(match: RegExp): Promise<string> {
    return new Promise((resolve) => this.logWaiters.push({ match, resolve }));
  }

  /** Resolves when the server next asks for settings (workspace/configuration). */
  nextConfigurationRequest(): Promise<void> {
    return new Promise((resolve) => this.configWaiters.push(resolve));
  }

  async save(path: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: this.uri(path) } });
  }

  async open(path: string, text: string): Promise<void> {
    this.versions.set(path, 1);
    this.texts.set(path, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(path), languageId: 'yaml', version: 1, text } });
  }

  /** An incremental edit: replaces the first occurrence of `from` in the open buffer. */
  async edit(path: string, from: string, to: string): Promise<void> {
    const text = this.texts.get(path);
    if (text === undefined) throw new Error(`${path} is not open`);
    const at = text.indexOf(from);
    if (at < 0) throw new Error(`'${from}' not in ${path}`);
    const pos = (o: number) => {
      const before = text.slice(0, o);
      return { line: before.split('\n').length - 1, character: o - (before.lastIndexOf('\n') + 1) };
    };
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    this.texts.set(path, text.slice(0, at) + to + text.slice(at + from.length));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), version },
      contentChanges: [{ range: { start: pos(at), end: pos(at + from.length) }, text: to }],
    });
  }

  /** Line/character of the first occurrence of `needle` (plus `delta` characters) in a text. */
  /** The text after LSP text edits (ranges on the original text, applied from the end). */
  static apply(text: string, all: ({ range: { start: { line: number; character: number }; end: { line: number; character: number } } } & ({ newText: string } | { snippet: unknown }))[]): string {
    const edits = all.filter((e): e is Extract<(typeof all)[number], { newText: string }> => 'newText' in e);
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    let out = text;
    for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
    return out;
  }

  static position(text: string, needle: string, delta = 0): { line: number; character: number } {
    const at = text.indexOf(needle);
    if (at < 0) throw new Error(`'${needle}' not found`);
    const before = text.slice(0, at + delta);
    return { line: before.split('\n').length - 1, character: at + delta - (before.lastIndexOf('\n') + 1) };
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
  }
}

export interface InProcess {
  client: TestClient;
  fs: MemoryFileSystem;
  /** Resolves with the session once the server has initialized. */
  session: () => LiveSession;
  dispose(): void;
}

/** Registers, for the suite it is called in, the shutdown of the server `current` names after each test (and `cleanup`, where it has one). */
export function stopAfterEach(current: () => InProcess & { cleanup?(): void }): void {
  afterEach(async () => {
    const s = current();
    await s.client.shutdown();
    s.dispose();
    s.cleanup?.();
  });
}

/**
 * The real server and a real client in this process, joined by two streams. Tests use a short
 * debounce (events, not time, decide when they go on); the benchmark passes the product's.
 */
export function inProcess(files: Record<string, string>, debounceMs = 5, disk?: FileSystem, options: { rootUri?: string; env?: Partial<ServerEnv> } = {}): InProcess {
  const up = new PassThrough();
  const down = new PassThrough();
  const fs = new MemoryFileSystem(files);
  const served: FileSystem = disk ?? fs;
  let session: LiveSession | undefined;
  const server = createConnection((logger) => createProtocolConnection(new StreamMessageReader(up), new StreamMessageWriter(down), logger), {
    shutdownReceived: false,
    initialize: () => undefined,
    exit: () => undefined,
  });
  startServer(server, { fileSystem: () => served, defaultRootUri: () => ROOT_URI, debounceMs, onSession: (s) => (session = s), ...options.env });
  const connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const client = new TestClient(connection, options.rootUri ?? ROOT_URI);
  return {
    client,
    fs,
    session: () => {
      if (!session) throw new Error('the server has not initialized');
      return session;
    },
    dispose: () => {
      connection.dispose();
      server.dispose();
    },
  };
}

/** A server process speaking LSP over its stdin/stdout. */
export function overStdio(command: string, args: string[], rootUri: string): { client: TestClient; child: ChildProcess; stderr: () => string } {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { client: new TestClient(connection, rootUri), child, stderr: () => err };
}
