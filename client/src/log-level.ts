/** The `strata.server.logLevel` setting and which messages it lets through (no vscode import). */
export const LOG_LEVELS = ['off', 'error', 'warning', 'info', 'debug', 'trace'] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];
export type MessageLevel = Exclude<LogLevelSetting, 'off'>;

export function parseLogLevel(value: unknown): LogLevelSetting {
  return (LOG_LEVELS as readonly unknown[]).includes(value) ? (value as LogLevelSetting) : 'info';
}

/** True when a message of `level` is written under the `setting`. */
export function shouldLog(setting: LogLevelSetting, level: MessageLevel): boolean {
  return setting !== 'off' && LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(setting);
}

/** `2026-11-22 10:04:05.123 [warning] text`, the shape of VS Code's own log channels. */
export function formatLogLine(level: MessageLevel, message: string, at: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  return `${stamp} [${level}] ${message}`;
}
