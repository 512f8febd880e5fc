/**
 * Owns the language client across restarts: starts it, restarts it on request or after a crash
 * (through CrashHandler), keeps the language status in step and answers which commands the running
 * server offers.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, State, Trace, type LanguageClient } from 'vscode-languageclient/node';
import { CrashHandler } from './crash-handler';
import { createLanguageClient } from './language-client';
import { LeveledLogChannel } from './log-channel';
import { parseLogLevel } from './log-level';
import { StrataLanguageStatus } from './language-status';
import { SETTINGS_SECTION } from '../../shared/protocol';

export class ServerSession implements vscode.Disposable {
  readonly log: LeveledLogChannel;
  readonly status = new StrataLanguageStatus();
  private readonly crashes: CrashHandler;
  private readonly client: LanguageClient;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext) {
    const level = () => parseLogLevel(vscode.workspace.getConfiguration(SETTINGS_SECTION).get('server.logLevel'));
    this.log = new LeveledLogChannel(vscode.window.createOutputChannel('Strata', 'log'), level());
    this.crashes = new CrashHandler({ restart: () => this.start(), setState: (s, d) => this.status.setState(s, d), showLog: () => this.log.show(true) });
    this.client = createLanguageClient(context, this.log, this.crashes);
    this.disposables.push(
      this.client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) {
          this.crashes.policy.started();
          this.status.setState('running');
          void this.applyTrace();
        } else if (newState === State.Starting) this.status.setState('starting');
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SETTINGS_SECTION}.server.logLevel`)) return;
        this.log.setLevel(level());
        void this.applyTrace();
      }),
    );
  }

  get running(): boolean {
    return this.client.state === State.Running;
  }

  get languageClient(): LanguageClient {
    return this.client;
  }

  async start(): Promise<void> {
    this.status.setState('starting');
    try {
      await this.client.start();
    } catch (e) {
      this.log.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      this.status.setState('stopped');
    }
  }

  /** "Strata: Restart server": a fresh start that also forgets earlier crashes. */
  async restart(): Promise<void> {
    this.crashes.cancelPending();
    this.crashes.policy.reset();
    this.log.info('Restarting the language server on request.');
    if (this.client.state === State.Running) {
      this.status.setState('starting');
      await this.client.restart();
    } else await this.start();
  }

  /** The commands the running server announced in executeCommandProvider.commands. */
  offeredCommands(): readonly string[] {
    return this.running ? (this.client.initializeResult?.capabilities.executeCommandProvider?.commands ?? []) : [];
  }

  executeServerCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Log level `trace` also traces every LSP message, so one setting covers the whole log. */
  private async applyTrace(): Promise<void> {
    if (this.running) await this.client.setTrace(this.log.levelSetting === 'trace' ? Trace.Verbose : Trace.Off);
  }

  async dispose(): Promise<void> {
    this.crashes.dispose();
    for (const d of this.disposables) d.dispose();
    this.status.dispose();
    if (this.client.needsStop()) await this.client.stop().catch(() => undefined);
    this.log.dispose();
  }
}
