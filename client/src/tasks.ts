/** Provides `strata: check` for each workspace folder, and runs the ones written in tasks.json. */
import * as vscode from 'vscode';
import { isStrataTask, PROBLEM_MATCHER, TASK_TYPE, taskArgv, type StrataTaskDefinition } from './check-task';

function execution(cli: string, d: StrataTaskDefinition, folder: vscode.WorkspaceFolder): vscode.ProcessExecution {
  // The extension host's own runtime runs the bundled CLI: in VS Code desktop that is Electron, told to act as Node.
  // The task's terminal is a TTY: NO_COLOR keeps the report plain for the problem matcher.
  return new vscode.ProcessExecution(process.execPath, taskArgv(cli, d), { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
}

function task(cli: string, d: StrataTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
  const t = new vscode.Task(d, folder, d.command, TASK_TYPE, execution(cli, d, folder), [PROBLEM_MATCHER]);
  t.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
  return t;
}

export function registerTaskProvider(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => task(cli, { type: TASK_TYPE, command: 'check' }, f)),
    resolveTask: (t) => {
      const folder = t.scope !== undefined && typeof t.scope === 'object' ? t.scope : vscode.workspace.workspaceFolders?.[0];
      if (!folder || !isStrataTask(t.definition)) return undefined;
      // The definition must be the one from tasks.json, or VS Code will not match the two.
      return new vscode.Task(t.definition, folder, t.name, TASK_TYPE, execution(cli, t.definition, folder), t.problemMatchers.length ? t.problemMatchers : [PROBLEM_MATCHER]);
    },
  });
}
