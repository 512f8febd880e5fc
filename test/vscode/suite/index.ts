/** Entry point VS Code calls in its extension host: runs every *.vscode-test.js beside this file. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.vscode-test.js'))) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor tests failed`)) : resolve())));
}
