#!/usr/bin/env node
import pkg from '../../../package.json';
import { UsageError } from './args';
import { checkCommand, type CommandIO } from './check-command';
import { migrateCommand } from './migrate-command';
import { graphCommand } from './graph-command';
import { generateCommand } from './generate-command';
import { k8sCommand } from './k8s-command';

const HELP = `strata ${pkg.version}: checks, navigation and generators for topology repositories

usage: strata <command> [options]

commands:
  check [DIR]        report problems in the workspace (see strata check --help)
  migrate [DIR]      run the L3/L4 refactor's format migrations (see strata migrate --help)
  graph [DIR]        print the services' deploy order (see strata graph --help)
  generate [DIR]     write Terraform, Ansible and docs from the topology (see strata generate --help)
  k8s new NAME       write a compliant Kubernetes service folder and its Flux Kustomization (see strata k8s --help)
  lsp --stdio        run the language server over stdio (--node-ipc for IPC)

options:
  --help, -h         show this help
  --version, -v      show the version
`;

type Command = (argv: string[], io: CommandIO) => number | Promise<number>;
const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  migrate: migrateCommand,
  graph: graphCommand,
  generate: generateCommand,
  k8s: k8sCommand,
};

/** Registers a command (the language server adds `lsp` from its own bundle entry). */
export function addCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export async function main(argv: string[], io: CommandIO = defaultIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.out(`${pkg.version}\n`);
    return 0;
  }
  const command = COMMANDS[cmd];
  if (!command) {
    io.err(`strata: unknown command '${cmd}'\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`strata ${cmd}: ${err.message}\n`);
      return 2;
    }
    io.err(`strata ${cmd}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

export function defaultIO(): CommandIO {
  return { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), version: pkg.version };
}
