/** The language server over the transport the client chose (read from argv by vscode-languageserver). */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import pkg from '../../../package.json';
import { NodeFileSystem } from '../node/node-fs';
import { startServer } from './server';
import { publishCachingEncoder } from './publish-encoding';

/**
 * Over stdio the writer is ours, to encode each published diagnostic once; stdin stays a stream,
 * so the connection still ends with it. The library patches the console only for its own stdio
 * transport: stdout carries the protocol, so the console goes to stderr.
 */
function stdioConnection(): Connection {
  for (const level of ['log', 'info', 'warn', 'debug'] as const) console[level] = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: publishCachingEncoder() });
  // The library takes a stream on one side and a writer on the other (it wraps each side on its own); its types want both alike.
  return createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
}

export function runLanguageServer(): Promise<number> {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  return new Promise<number>((resolve) => {
    connection.onExit(() => resolve(0));
    startServer(connection, {
      fileSystem: (rootUri) => new NodeFileSystem(rootUri.startsWith('file:') ? fileURLToPath(rootUri) : process.cwd()),
      defaultRootUri: () => pathToFileURL(process.cwd()).href,
      disk: (rootUri) => (rootUri.startsWith('file:') ? { folder: fileURLToPath(rootUri), toolVersion: pkg.version } : undefined),
    });
  });
}
