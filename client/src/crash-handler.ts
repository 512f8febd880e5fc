/**
 * What happens when the server process dies. The language client's own handler restarts at once
 * and gives up after a few tries; this one waits per RestartPolicy, shows the state in the status
 * bar and tells the user once per crash, with a button to the log.
 */
import { COMMANDS } from '../../shared/commands';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';
import { RestartPolicy } from './restart-policy';
import type { ServerState } from './status-text';

export interface CrashHost {
  restart(): Promise<void>;
  setState(state: ServerState, detail?: string): void;
  showLog(): void;
}

export class CrashHandler implements ErrorHandler, vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: CrashHost,
    readonly policy = new RestartPolicy(),
  ) {}

  /** A message failed to be read or written: the connection usually recovers, so carry on. */
  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const decision = this.policy.crashed();
    const showLog = 'Show log';
    if (decision.restart) {
      const seconds = Math.round(decision.delayMs / 1000);
      const detail = `crash ${decision.crashes}, restart in ${seconds} s`;
      this.host.setState('restarting', detail);
      void vscode.window.showWarningMessage(`The Strata language server stopped unexpectedly (${detail}).`, showLog).then((pick) => pick === showLog && this.host.showLog());
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.host.restart();
      }, decision.delayMs);
    } else {
      this.host.setState('failed', `${decision.crashes} crashes in a row`);
      const restart = 'Restart server';
      void vscode.window
        .showErrorMessage(`The Strata language server crashed ${decision.crashes} times in a row and was not restarted again.`, showLog, restart)
        .then((pick) => (pick === showLog ? this.host.showLog() : pick === restart ? void vscode.commands.executeCommand(COMMANDS.restartServer) : undefined));
    }
    // The restart is ours, after the back-off; the client would restart at once.
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** A user's restart replaces a pending automatic one. */
  cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancelPending();
  }
}
