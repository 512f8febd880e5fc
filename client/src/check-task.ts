/**
 * The `strata` task type: `strata check` over a workspace folder, its output read by the `$strata`
 * problem matcher (package.json `contributes`). The argument list is plain data (no vscode import).
 */
export const TASK_TYPE = 'strata';
export const PROBLEM_MATCHER = '$strata';
export const TASK_COMMANDS = ['check'] as const;

export interface StrataTaskDefinition {
  type: typeof TASK_TYPE;
  command: (typeof TASK_COMMANDS)[number];
  /** More arguments for the command, e.g. `["--rule", "ref-unknown=warning"]`. */
  args?: string[];
}

export function isStrataTask(d: { type: string; [k: string]: unknown }): d is StrataTaskDefinition & { [k: string]: unknown } {
  return d.type === TASK_TYPE && (TASK_COMMANDS as readonly string[]).includes(String(d.command)) && (d.args === undefined || (Array.isArray(d.args) && d.args.every((a) => typeof a === 'string')));
}

/**
 * `node dist/cli.js check . [args]`, run in the folder: the report names files relative to it,
 * which is what the problem matcher's `fileLocation` expects.
 */
export function taskArgv(cli: string, d: StrataTaskDefinition): string[] {
  return [cli, d.command, '.', ...(d.args ?? [])];
}
