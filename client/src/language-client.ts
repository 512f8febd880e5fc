/**
 * The language client: the bundled `dist/cli.js lsp` over Node IPC, for the YAML files of the
 * workspace. Settings reach the server through workspace/configuration (section `strata`), which
 * the client answers from VS Code's settings; the server registers its own file watchers.
 */
import type * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type DynamicFeature,
  type ErrorHandler,
  type ExecuteCommandRegistrationOptions,
  type FeatureState,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import type { StrataInitializationOptions } from '../../shared/protocol';
import { SETTINGS_SECTION } from '../../shared/protocol';

export const CLIENT_ID = SETTINGS_SECTION;
export const CLIENT_NAME = 'Strata';

/**
 * The extension registers every Strata command itself (palette commands need the trust check and
 * a clear answer when the server lacks a command), so the client must not register the server's
 * commands a second time: VS Code refuses a command id registered twice.
 */
class CommandsRegisteredByExtension implements DynamicFeature<ExecuteCommandRegistrationOptions> {
  constructor(private readonly inner: DynamicFeature<ExecuteCommandRegistrationOptions>) {}
  get registrationType() {
    return this.inner.registrationType;
  }
  fillClientCapabilities(capabilities: Parameters<DynamicFeature<unknown>['fillClientCapabilities']>[0]): void {
    this.inner.fillClientCapabilities(capabilities);
  }
  getState(): FeatureState {
    return { kind: 'workspace', id: this.registrationType.method, registrations: false };
  }
  initialize(): void {}
  register(): void {}
  unregister(): void {}
  clear(): void {}
}

class StrataLanguageClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const method = 'registrationType' in feature ? feature.registrationType.method : undefined;
    super.registerFeature(method === ExecuteCommandRequest.method ? new CommandsRegisteredByExtension(feature as DynamicFeature<ExecuteCommandRegistrationOptions>) : feature);
  }
}

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/cli.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.ipc },
    debug: { module, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    // The extension regenerates on save itself (trusted workspaces only): the server must not as well.
    initializationOptions: { clientRegeneratesOnSave: true } satisfies StrataInitializationOptions,
    outputChannel: log,
    // The client's own messages go to the channel; the crash handler decides what to tell the user.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
    initializationFailedHandler: (error) => {
      log.error(`The language server failed to initialize: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  };
  return new StrataLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
