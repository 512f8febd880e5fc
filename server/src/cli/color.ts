/**
 * Color for a person at a terminal: errors, warnings and the summary stand out. Only on a TTY (a
 * pipe, a file or CI logs stay plain) unless FORCE_COLOR says otherwise; NO_COLOR and --no-color
 * always win. Stripping the escapes gives back the plain text exactly, so a problem matcher reads
 * either.
 */
import type { CommandIO } from './args';
import type { Diagnostic } from '../core';

export interface Paint {
  severity(severity: Diagnostic['severity'], text: string): string;
  /** The summary line, in the color of the worst it counts. */
  summary(worst: 'error' | 'warning' | 'clean', text: string): string;
  dim(text: string): string;
}

const sgr = (code: string) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const RED = sgr('1;31');
const YELLOW = sgr('1;33');
const CYAN = sgr('36');
const GREEN = sgr('1;32');
const DIM = sgr('2');

export const PLAIN: Paint = { severity: (_s, t) => t, summary: (_w, t) => t, dim: (t) => t };

export const COLORED: Paint = {
  severity: (s, t) => (s === 'error' ? RED : s === 'warning' ? YELLOW : s === 'info' ? CYAN : DIM)(t),
  summary: (w, t) => (w === 'error' ? RED : w === 'warning' ? YELLOW : GREEN)(t),
  dim: DIM,
};

export function useColor(io: CommandIO, noColorFlag: boolean): boolean {
  const env = io.env ?? process.env;
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return io.isTTY === true && env.TERM !== 'dumb';
}

export function paintFor(io: CommandIO, noColorFlag: boolean): Paint {
  return useColor(io, noColorFlag) ? COLORED : PLAIN;
}
