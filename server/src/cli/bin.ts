import { main } from './main';
import { registerLspCommand } from '../lsp/command';

// One bundle is both the CLI and the language server.
registerLspCommand();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`strata: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
