/**
 * A multi-root workspace: one analysis per workspace folder, each with its own files, findings and
 * navigation; folders added and removed while the server runs (workspace/didChangeWorkspaceFolders).
 */
import * as assert from 'node:assert/strict';
import { DefinitionRequest, DidChangeWorkspaceFoldersNotification, WorkspaceSymbolRequest, type Location } from 'vscode-languageserver-protocol/node';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { FULL_CAPABILITIES, inProcess, stopAfterEach, TestClient, type InProcess } from '../helpers/lsp-client';
import { WORKSPACE } from './workspace';

const A = 'file:///repos/site-a';
const B = 'file:///repos/site-b';
const C = 'file:///repos/site-c';
const DNS = 'topology/L5-application/services/svc-dns.yaml';
const WEB = 'topology/L5-application/services/svc-web.yaml';
const L2 = 'topology/L2-network.yaml';
/** Each folder has its own mistake: a dangling ref under a different name. */
const folderFiles = (missing: string) => ({ ...WORKSPACE, [WEB]: `id: svc-web\nname: Web\ndependencies:\n- service_ref: ${missing}\n` });
const MISSING: Record<string, string> = { [A]: 'svc-gone-a', [B]: 'svc-gone-b', [C]: 'svc-gone-c' };

describe('language server: one analysis per workspace folder', () => {
  let s: InProcess;
  let client: TestClient;
  const disks = new Map(Object.entries(MISSING).map(([uri, missing]) => [uri, new MemoryFileSystem(folderFiles(missing))]));

  beforeEach(async () => {
    s = inProcess({}, 5, undefined, { rootUri: A, env: { fileSystem: (uri) => disks.get(uri) ?? new MemoryFileSystem({}) } });
    client = s.client;
    await client.initialize({ ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceFolders: true } }, [A, B]);
  });
  stopAfterEach(() => s);

  const dangling = async (folder: string) => (await client.diagnostics(`${folder}/${WEB}`)).filter((d) => d.code === 'ref-unknown').map((d) => /'([\w-]+)'/.exec(String(d.message))?.[1]);

  it('publishes the findings of every folder, each from its own files', async () => {
    assert.deepEqual(await dangling(A), ['svc-gone-a']);
    assert.deepEqual(await dangling(B), ['svc-gone-b']);
  });

  it('goes to definition within each folder', async () => {
    const at = TestClient.position(WORKSPACE[DNS]!, 'net-servers', 3);
    for (const folder of [A, B]) {
      const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: `${folder}/${DNS}` }, position: at })) as Location[];
      assert.deepEqual(defs, [{ uri: `${folder}/${L2}`, range: { start: { line: 4, character: 6 }, end: { line: 4, character: 17 } } }]);
    }
  });

  it('answers workspace symbols from every folder', async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'svc-dns' })) as { location: { uri: string } }[];
    assert.deepEqual(found.map((f) => f.location.uri).sort(), [`${A}/${DNS}`, `${B}/${DNS}`]);
  });

  it('a folder added is analysed; a folder removed has its findings taken back', async () => {
    assert.deepEqual(await dangling(B), ['svc-gone-b']);
    const cleared = client.nextPublish(`${B}/${WEB}`);
    const added = client.nextPublish(`${C}/${WEB}`);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: C, name: 'site-c' }], removed: [{ uri: B, name: 'site-b' }] } });
    assert.deepEqual(await cleared, []);
    assert.deepEqual(
      (await added).filter((d) => d.code === 'ref-unknown').map((d) => /'([\w-]+)'/.exec(String(d.message))?.[1]),
      ['svc-gone-c'],
    );
    const at = TestClient.position(WORKSPACE[DNS]!, 'net-servers', 3);
    assert.equal(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: `${B}/${DNS}` }, position: at }), null);
    assert.equal(((await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: `${C}/${DNS}` }, position: at })) as Location[])[0]?.uri, `${C}/${L2}`);
  });
});
