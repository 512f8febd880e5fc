/**
 * Strata in the editor's language status (the `{}` next to the language mode of a YAML file): its
 * error and warning counts with a link to Problems, the server's state with a link to Restart,
 * and a link to the log.
 */
import { COMMANDS } from '../../shared/commands';
import * as vscode from 'vscode';
import { statusText, type ProblemCounts, type ServerState, type StatusEntry } from './status-text';

/** Diagnostics the server publishes carry this source (server/src/lsp/convert.ts). */
export const DIAGNOSTIC_SOURCE = 'strata';
const SELECTOR: vscode.DocumentSelector = { language: 'yaml' };
const SEVERITY = { information: vscode.LanguageStatusSeverity.Information, warning: vscode.LanguageStatusSeverity.Warning, error: vscode.LanguageStatusSeverity.Error };

export function countProblems(): ProblemCounts {
  const counts = { errors: 0, warnings: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    }
  }
  return counts;
}

function item(id: string, name: string, command: vscode.Command): vscode.LanguageStatusItem {
  const i = vscode.languages.createLanguageStatusItem(id, SELECTOR);
  i.name = name;
  i.command = command;
  return i;
}

function show(i: vscode.LanguageStatusItem, e: StatusEntry): void {
  i.text = e.text;
  i.detail = e.detail;
  i.severity = SEVERITY[e.severity];
  i.busy = e.busy;
}

export class StrataLanguageStatus implements vscode.Disposable {
  private readonly problems = item('strata.problems', 'Strata problems', { title: 'Problems', command: 'workbench.actions.view.problems', tooltip: 'Open the Problems panel' });
  private readonly server = item('strata.server', 'Strata language server', { title: 'Restart', command: COMMANDS.restartServer, tooltip: 'Strata: Restart server' });
  private readonly log = item('strata.log', 'Strata log', { title: 'Show log', command: COMMANDS.showLog, tooltip: 'The "Strata" output channel' });
  private readonly subscription: vscode.Disposable;
  private state: ServerState = 'starting';
  private detail: string | undefined;

  constructor() {
    this.log.text = '$(output) Log';
    this.log.detail = 'Strata output channel';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
  }

  setState(state: ServerState, detail?: string): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  private render(): void {
    const s = statusText(this.state, countProblems(), this.detail);
    show(this.problems, s.problems);
    show(this.server, s.server);
    this.problems.accessibilityInformation = { label: s.accessibility };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const i of [this.problems, this.server, this.log]) i.dispose();
  }
}
