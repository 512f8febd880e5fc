/** `strata lsp --stdio | --node-ipc`: the same bundle as the CLI runs the language server. */
import { defineCommand, UsageError } from './args';

export const lspCommand = defineCommand({
  name: 'lsp',
  usage: 'lsp --stdio | --node-ipc',
  summary: 'run the language server over stdio (--node-ipc for IPC)',
  about: `Runs the Strata language server, talking LSP over stdin/stdout (any editor) or Node IPC (VS Code).
The workspace root is the client's first workspace folder (or rootUri, else the current directory).`,
  options: {
    stdio: { type: 'boolean', help: 'talk LSP over stdin and stdout' },
    'node-ipc': { type: 'boolean', help: 'talk LSP over Node IPC' },
  },
  maxPositionals: Infinity,
  exit: 'exit status: 0 when the client shuts the server down, 2 usage error',
  // Clients may append their own flags (--clientProcessId=N); only the transport is required.
  passUnknown: true,
  run: async (args) => {
    if (!args.flag('stdio') && !args.flag('node-ipc')) throw new UsageError('choose a transport: --stdio or --node-ipc');
    // Loaded only here, so `strata check` does not pay for the protocol libraries.
    const { runLanguageServer } = await import('../lsp/run-server.js');
    return runLanguageServer();
  },
});
