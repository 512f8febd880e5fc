import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, ExitNotification, type Location } from 'vscode-languageserver-protocol/node';
import { overStdio, TestClient } from '../helpers/lsp-client';
import { writeTree } from '../helpers/workspace-files';
import { WITH_DANGLING_REF } from './workspace';

const CLI = resolve(__dirname, '../../../dist/cli.js');

/** The built bundle, started the way any editor starts it: `strata lsp --stdio`. */
describe('strata lsp --stdio (the built bundle as a child process)', () => {
  let dir: string;
  before(function () {
    if (!existsSync(CLI)) {
      console.log(`    skipped: ${CLI} is not built (npm run build)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'strata-lsp-'));
    writeTree(dir, WITH_DANGLING_REF);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('initialize → didOpen → diagnostics → definition → shutdown → exit', async () => {
    const rootUri = pathToFileURL(dir).href;
    const { client, child, stderr } = overStdio(process.execPath, [CLI, 'lsp', '--stdio'], rootUri);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'strata');
    const path = 'topology/L5-application/services/svc-dns.yaml';
    const text = WITH_DANGLING_REF[path]!;
    await client.open(path, text);
    const diags = await client.diagnostics(path);
    assert.deepEqual(
      diags.map((d) => d.code),
      ['ref-unknown'],
      stderr(),
    );
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(path) }, position: TestClient.position(text, 'rtr-main', 2) })) as Location[];
    assert.equal(defs[0]?.uri, client.uri('topology/L1-foundation.yaml'));
    assert.equal(defs[0]?.range.start.line, 5);
    await client.shutdown();
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    client.connection.dispose();
  });
});
