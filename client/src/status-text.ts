/** What the language status items say for a server state and problem counts (no vscode import). */
export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

/** One language status item: its text (with codicons), detail, severity and the link it offers. */
export interface StatusEntry {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
}

export interface StatusText {
  /** Strata's findings (link: the Problems panel). */
  problems: StatusEntry;
  /** The language server (link: Restart). */
  server: StatusEntry;
  /** Read by screen readers and by the end-to-end suite: `Strata: running, 2 errors, 1 warning`. */
  accessibility: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function serverEntry(state: ServerState, detail?: string): StatusEntry {
  const why = detail ? ` (${detail})` : '';
  switch (state) {
    case 'starting':
      return { text: 'Server starting', detail: 'Strata language server', severity: 'information', busy: true };
    case 'running':
      return { text: 'Server running', detail: 'Strata language server', severity: 'information', busy: false };
    case 'restarting':
      return { text: 'Server restarting', detail: `stopped unexpectedly${why}; see the log`, severity: 'warning', busy: true };
    case 'stopped':
      return { text: 'Server stopped', detail: 'Restart starts it', severity: 'warning', busy: false };
    case 'failed':
      return { text: 'Server failed', detail: `crashed${why} and was not restarted; see the log, then Restart`, severity: 'error', busy: false };
  }
}

export function statusText(state: ServerState, counts: ProblemCounts, detail?: string): StatusText {
  const problems = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  const server = serverEntry(state, detail);
  const known = state === 'running';
  return {
    problems: {
      text: known ? `$(error) ${counts.errors} $(warning) ${counts.warnings}` : '$(circle-slash) Strata',
      detail: known ? `Strata: ${problems}` : `Strata: server ${state}`,
      severity: known ? 'information' : server.severity,
      busy: server.busy,
    },
    server,
    accessibility: known ? `Strata: running, ${problems}` : `Strata: ${state}`,
  };
}
