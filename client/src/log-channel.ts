/**
 * The "Strata" output channel. The language client writes the server's log through the
 * LogOutputChannel interface; this one filters by the `strata.server.logLevel` setting (VS Code's
 * own log channels take their level only from "Developer: Set Log Level", not from a setting).
 */
import * as vscode from 'vscode';
import { formatLogLine, shouldLog, type LogLevelSetting, type MessageLevel } from './log-level';

const TO_VSCODE: Record<LogLevelSetting, vscode.LogLevel> = {
  off: vscode.LogLevel.Off,
  error: vscode.LogLevel.Error,
  warning: vscode.LogLevel.Warning,
  info: vscode.LogLevel.Info,
  debug: vscode.LogLevel.Debug,
  trace: vscode.LogLevel.Trace,
};

export class LeveledLogChannel implements vscode.LogOutputChannel {
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.changed.event;

  constructor(
    private readonly out: vscode.OutputChannel,
    private level: LogLevelSetting,
  ) {}

  get name(): string {
    return this.out.name;
  }

  get logLevel(): vscode.LogLevel {
    return TO_VSCODE[this.level];
  }

  get levelSetting(): LogLevelSetting {
    return this.level;
  }

  setLevel(level: LogLevelSetting): void {
    if (level === this.level) return;
    this.level = level;
    this.changed.fire(TO_VSCODE[level]);
  }

  trace(message: string, ...args: unknown[]): void {
    this.write('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write('warning', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.write('error', typeof error === 'string' ? error : (error.stack ?? error.message), args);
  }

  append(value: string): void {
    this.out.append(value);
  }
  appendLine(value: string): void {
    this.out.appendLine(value);
  }
  replace(value: string): void {
    this.out.replace(value);
  }
  clear(): void {
    this.out.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.out.show(columnOrPreserveFocus);
    else this.out.show(preserveFocus);
  }
  hide(): void {
    this.out.hide();
  }
  dispose(): void {
    this.changed.dispose();
    this.out.dispose();
  }

  private write(level: MessageLevel, message: string, args: unknown[]): void {
    if (!shouldLog(this.level, level)) return;
    const extra = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    this.out.appendLine(formatLogLine(level, extra ? `${message} ${extra}` : message, new Date()));
  }
}
