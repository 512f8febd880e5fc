/** `strata lsp --stdio | --node-ipc`: the same bundle as the CLI runs the language server. */
import { addCommand } from '../cli/main';
import { UsageError } from '../cli/args';

export const LSP_HELP = `usage: strata lsp --stdio | --node-ipc

Runs the Strata language server, talking LSP over stdin/stdout (any editor) or Node IPC (VS Code).
The workspace root is the client's first workspace folder (or rootUri, else the current directory).
`;

export function registerLspCommand(): void {
  addCommand('lsp', async (argv, io) => {
    if (argv.includes('--help')) {
      io.out(LSP_HELP);
      return 0;
    }
    const known = new Set(['--stdio', '--node-ipc']);
    const transport = argv.find((a) => known.has(a));
    // Clients may append their own flags (--clientProcessId=N); only the transport is required.
    if (!transport) throw new UsageError('choose a transport: --stdio or --node-ipc');
    // Loaded only here, so `strata check` does not pay for the protocol libraries.
    const { runLanguageServer } = await import('./run-server.js');
    return runLanguageServer();
  });
}
