/** The language server over the transport the client chose (read from argv by vscode-languageserver). */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import pkg from '../../../package.json';
import { NodeFileSystem } from '../node/node-fs';
import { startServer } from './server';

export function runLanguageServer(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all);
  return new Promise<number>((resolve) => {
    connection.onExit(() => resolve(0));
    startServer(connection, {
      fileSystem: (rootUri) => new NodeFileSystem(rootUri.startsWith('file:') ? fileURLToPath(rootUri) : process.cwd()),
      defaultRootUri: () => pathToFileURL(process.cwd()).href,
      disk: (rootUri) => (rootUri.startsWith('file:') ? { folder: fileURLToPath(rootUri), toolVersion: pkg.version } : undefined),
    });
  });
}
