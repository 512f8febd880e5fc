/**
 * Commands as data: each declares its options once, in one table, and that table is what
 * `node:util`'s parseArgs reads, what the help lists and what did-you-mean compares against.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { closest } from '../core';

export class UsageError extends Error {}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the help (`--format FORMAT`). */
  value?: string;
  /** One line (or more, for lists) after the option in the help. */
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h', help: "show this command's help" },
  'no-color': { type: 'boolean', help: 'plain text even on a terminal (as does the NO_COLOR variable)' },
} as const satisfies OptionTable;

/** `--format` of the commands that print text or JSON (generate, migrate). */
export const TEXT_OR_JSON_OPTION = { type: 'string', value: 'FORMAT', help: 'text or json (default: text); json is described in docs/cli.md' } as const satisfies OptionSpec;

/** Boolean options that pick a command's mode, from their help texts; at most one is given (`chosenMode`). */
export function modeOptions<const M extends string>(modes: Record<M, string>): Record<M, { type: 'boolean'; help: string }> {
  return Object.fromEntries(Object.entries<string>(modes).map(([mode, help]) => [mode, { type: 'boolean', help }])) as Record<M, { type: 'boolean'; help: string }>;
}

/** The mode a run takes: the one flag of `modes` given, or `fallback` without any; two are a usage error. */
export function chosenMode<M extends string, F extends string>(args: Args<NoInfer<M>>, modes: Record<M, string>, fallback: F): M | F {
  const flags = Object.keys(modes) as M[];
  const given = flags.filter((m) => args.flag(m));
  const option = (m: M) => `--${m}`;
  const listed = flags.map(option);
  if (given.length > 1) throw new UsageError(`choose one of ${listed.slice(0, -1).join(', ')} and ${listed.slice(-1).join('')}, not ${given.map(option).join(' and ')}`);
  return given[0] ?? fallback;
}

/** The `--format` value of a text-or-JSON command; anything else is a usage error. */
export function textOrJson(format: string | undefined): 'text' | 'json' {
  const f = format ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'${didYouMean(f, ['text', 'json'])}`);
  return f;
}

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  version: string;
  /** The folder paths in text output are relative to (default: the process's current directory). */
  cwd?: string;
  /** Whether standard output is a terminal (colors are only for one). */
  isTTY?: boolean;
  /** The environment (NO_COLOR, FORCE_COLOR); default: the process's. */
  env?: Record<string, string | undefined>;
}

export interface Args<K extends string> {
  positionals: string[];
  /** The last value of a string option. */
  string(name: K): string | undefined;
  /** Every value of a repeatable option, as given. */
  strings(name: K): string[];
  /** Every value of a repeatable option, comma-separated lists split. */
  list(name: K): string[];
  flag(name: K | keyof typeof COMMON_OPTIONS): boolean;
}

export interface Command<O extends OptionTable = OptionTable> {
  name: string;
  /** After `usage: strata `. */
  usage: string;
  /** One line for the top-level help. */
  summary: string;
  /** Paragraphs between the usage and the options. */
  about: string;
  options: O;
  /** How many positionals the command takes at most. */
  maxPositionals: number;
  /** Exit statuses, after the options. */
  exit: string;
  /** Options the command does not know are passed through (a language client's own flags). */
  passUnknown?: boolean;
  run(args: Args<keyof O & string>, io: CommandIO): number | Promise<number>;
}

export function defineCommand<const O extends OptionTable>(command: Command<O>): Command<O> {
  return command;
}

const flagName = (name: string, spec: OptionSpec) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;

/** The command's help, made from its table. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, ...COMMON_OPTIONS } as OptionTable;
  const names = Object.entries(options).map(([n, s]) => flagName(n, s));
  const width = Math.max(...names.map((n) => n.length)) + 3;
  const lines = Object.values(options).map((spec, i) => {
    const [first, ...rest] = spec.help.split('\n');
    return [`  ${names[i]!.padEnd(width)}${first}`, ...rest.map((l) => `  ${' '.repeat(width)}${l}`)].join('\n');
  });
  return `usage: strata ${command.usage}\n\n${command.about.trim()}\n\noptions:\n${lines.join('\n')}\n\n${command.exit.trim()}\n`;
}

/** Whether the arguments ask for help, whichever else they hold. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

export function didYouMean(value: string, candidates: Iterable<string>): string {
  const [best] = closest(value, candidates, 1);
  return best === undefined ? '' : `; did you mean ${best}?`;
}

/** Parses argv by the command's table; unknown options and bad values are usage errors. */
export function parseCommandArgs<K extends string>(command: Command, argv: string[]): Args<K> {
  const options = { ...command.options, ...COMMON_OPTIONS } as OptionTable;
  const loose = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const known = Object.entries(options).flatMap(([n, s]) => [`--${n}`, ...(s.short ? [`-${s.short}`] : [])]);
  const unknown = loose.tokens.find((t) => t.kind === 'option' && !(t.name in options));
  if (unknown && unknown.kind === 'option' && !command.passUnknown) {
    throw new UsageError(`unknown option ${unknown.rawName}${didYouMean(unknown.rawName, known)}`);
  }
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] } = loose;
  if (!command.passUnknown) {
    try {
      parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    } catch (err) {
      // parseArgs words these well ("Option '--root <value>' argument missing"); drop its advice about '--'.
      throw new UsageError(err instanceof Error ? err.message.replace(/\.? To specify .*$/s, '') : String(err));
    }
  }
  if (parsed.positionals.length > command.maxPositionals) throw new UsageError(`unexpected argument '${parsed.positionals[command.maxPositionals]}'`);
  const values = parsed.values;
  const all = (name: string) => {
    const v = values[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  };
  return {
    positionals: parsed.positionals,
    string: (name) => all(name).at(-1),
    strings: all,
    list: (name) =>
      all(name)
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    flag: (name) => values[name] === true,
  };
}

/** DIR, the one positional every command takes for the workspace, resolved against the current directory. */
export function workspaceDir(given: string | undefined, io: CommandIO): string {
  const dir = path.resolve(io.cwd ?? '.', given ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Missing or unreadable: said below.
  }
  if (!isDir) throw new UsageError(`not a directory: ${given ?? dir}`);
  return dir;
}

/** A path for text output: relative to the current directory, as a terminal user would type it. */
export function displayPath(absolute: string, io: CommandIO): string {
  return path.relative(io.cwd ?? process.cwd(), absolute) || '.';
}

/** A word as a shell reads it back: quoted only when it needs to be. */
export function shellWord(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : JSON.stringify(s);
}
