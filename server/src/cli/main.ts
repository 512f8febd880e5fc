#!/usr/bin/env node
import pkg from '../../../package.json';
import { commandHelp, didYouMean, parseCommandArgs, UsageError, wantsHelp, type Command, type CommandIO } from './args';
import { checkCommand } from './check-command';
import { migrateCommand } from './migrate-command';
import { graphCommand } from './graph-command';
import { generateCommand } from './generate-command';
import { k8sCommand } from './k8s-command';
import { lspCommand } from './lsp-command';
import { explainCommand, rulesCommand } from './rules-command';

const COMMANDS = new Map<string, Command>(([checkCommand, migrateCommand, graphCommand, generateCommand, k8sCommand, rulesCommand, explainCommand, lspCommand] as Command[]).map((c) => [c.name, c]));

function topHelp(): string {
  const rows = [...COMMANDS.values()].map((c) => [c.usage.replace(' [options]', ''), c.summary] as const);
  rows.push(['help [COMMAND]', "show a command's help"]);
  const width = Math.max(...rows.map(([u]) => u.length)) + 3;
  return `strata ${pkg.version}: checks, navigation and generators for topology repositories

usage: strata <command> [options]

commands:
${rows.map(([u, s]) => `  ${u.padEnd(width)}${s}`).join('\n')}

options:
  -h, --help      show this help (strata COMMAND --help: that command's)
  -v, --version   show the version
`;
}

function unknownCommand(name: string, io: CommandIO): number {
  io.err(`strata: unknown command '${name}'${didYouMean(name, [...COMMANDS.keys(), 'help'])}\nrun strata --help for the list of commands\n`);
  return 2;
}

export async function main(argv: string[], io: CommandIO = defaultIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h') {
    io.out(topHelp());
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.out(`${pkg.version}\n`);
    return 0;
  }
  if (cmd === 'help') {
    if (rest[0] === undefined) io.out(topHelp());
    else if (COMMANDS.has(rest[0])) io.out(commandHelp(COMMANDS.get(rest[0])!));
    else return unknownCommand(rest[0], io);
    return 0;
  }
  const command = COMMANDS.get(cmd);
  if (!command) return unknownCommand(cmd, io);
  try {
    if (wantsHelp(rest)) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`strata ${cmd}: ${err.message}\nrun strata ${cmd} --help for its options\n`);
      return 2;
    }
    io.err(`strata ${cmd}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

export function defaultIO(): CommandIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    version: pkg.version,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}
