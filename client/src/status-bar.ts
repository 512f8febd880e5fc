/** The status bar item: server state and Strata's error and warning counts; a click opens Problems. */
import * as vscode from 'vscode';
import { statusText, type ProblemCounts, type ServerState } from './status-text';

/** Diagnostics the server publishes carry this source (server/src/lsp/convert.ts). */
export const DIAGNOSTIC_SOURCE = 'strata';

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

export class StrataStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('strata.status', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: vscode.Disposable;
  private state: ServerState = 'starting';
  private detail: string | undefined;

  constructor() {
    this.item.name = 'Strata';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setState(state: ServerState, detail?: string): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  private render(): void {
    const s = statusText(this.state, countProblems(), this.detail);
    this.item.text = s.text;
    this.item.tooltip = s.tooltip;
    this.item.accessibilityInformation = { label: s.accessibility, role: 'button' };
    this.item.backgroundColor = s.alarm ? new vscode.ThemeColor(`statusBarItem.${s.alarm}Background`) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
