/** What the status bar item says for a server state and problem counts (no vscode import). */
export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export interface StatusText {
  /** With codicons, e.g. `$(error) 2 $(warning) 1 Strata`. */
  text: string;
  /** Read by screen readers and by the end-to-end suite: `Strata: running, 2 errors, 1 warning`. */
  accessibility: string;
  tooltip: string;
  /** Shown with the status bar's error/warning background. */
  alarm: 'error' | 'warning' | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function statusText(state: ServerState, counts: ProblemCounts, detail?: string): StatusText {
  const problems = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  const click = 'Click to open the Problems panel.';
  switch (state) {
    case 'starting':
      return { text: '$(sync~spin) Strata', accessibility: 'Strata: starting', tooltip: 'Strata language server is starting.', alarm: undefined };
    case 'running':
      return {
        text: `$(error) ${counts.errors} $(warning) ${counts.warnings} Strata`,
        accessibility: `Strata: running, ${problems}`,
        tooltip: `Strata language server is running: ${problems} in the topology. ${click}`,
        alarm: undefined,
      };
    case 'restarting':
      return {
        text: '$(sync~spin) Strata: restarting',
        accessibility: 'Strata: restarting',
        tooltip: `Strata language server stopped unexpectedly and is being restarted${detail ? ` (${detail})` : ''}. See the "Strata" output for its log.`,
        alarm: 'warning',
      };
    case 'stopped':
      return { text: '$(circle-slash) Strata: stopped', accessibility: 'Strata: stopped', tooltip: 'Strata language server is stopped. Run "Strata: Restart server" to start it.', alarm: undefined };
    case 'failed':
      return {
        text: '$(error) Strata: server failed',
        accessibility: 'Strata: server failed',
        tooltip: `Strata language server crashed${detail ? ` (${detail})` : ''} and was not restarted. See the "Strata" output, then run "Strata: Restart server".`,
        alarm: 'error',
      };
  }
}
