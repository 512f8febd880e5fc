import { main } from './main';

// One bundle is both the CLI and the language server (`strata lsp`).

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`strata: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
