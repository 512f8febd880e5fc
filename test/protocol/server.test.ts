import { COMMANDS } from '../../shared/commands';
import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SelectionRangeRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionList,
  type DocumentSymbol,
  type Location,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { inProcess, stopAfterEach, TestClient, type InProcess } from '../helpers/lsp-client';
import { WITH_DANGLING_REF, WORKSPACE } from './workspace';

const L2 = 'topology/L2-network.yaml';
const L1 = 'topology/L1-foundation.yaml';
const DNS = 'topology/L5-application/services/svc-dns.yaml';
const WEB = 'topology/L5-application/services/svc-web.yaml';

describe('language server over the protocol (in-process)', () => {
  let s: InProcess;
  let client: TestClient;

  beforeEach(async () => {
    s = inProcess({ ...WORKSPACE });
    client = s.client;
    await client.initialize();
  });
  stopAfterEach(() => s);

  /** Every publish of the analysis in flight has arrived once a later response has. */
  const settle = () => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zzz-settle' });

  it('advertises what it implements, and registers file watching and settings', async () => {
    const caps = client.result!.capabilities;
    assert.equal(caps.textDocumentSync && typeof caps.textDocumentSync === 'object' ? caps.textDocumentSync.change : undefined, 2);
    for (const key of [
      'definitionProvider',
      'referencesProvider',
      'renameProvider',
      'hoverProvider',
      'completionProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'documentLinkProvider',
      'codeLensProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'codeActionProvider',
      'semanticTokensProvider',
    ]) {
      assert.ok((caps as Record<string, unknown>)[key], key);
    }
    for (const key of ['documentFormattingProvider', 'signatureHelpProvider', 'implementationProvider']) assert.equal((caps as Record<string, unknown>)[key], undefined, key);
    await settle();
    assert.deepEqual([...client.registrations].sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  it('publishes findings for files that are not open, with rule id and docs link', async () => {
    const restarted = inProcess({ ...WITH_DANGLING_REF });
    try {
      await restarted.client.initialize();
      const diags = await restarted.client.diagnostics(DNS);
      assert.equal(diags.length, 1);
      assert.equal(diags[0]!.code, 'ref-unknown');
      assert.match(diags[0]!.codeDescription?.href ?? '', /docs\/rules\/ref-unknown\.md$/);
      assert.deepEqual(diags[0]!.range.start, { line: 5, character: 23 });
      await restarted.client.shutdown();
    } finally {
      restarted.dispose();
    }
  });

  it('an edit that deletes an entity marks its refs in other, unopened files, and undoing it clears them', async () => {
    await client.open(L2, WORKSPACE[L2]!);
    let next = client.nextPublish(DNS);
    await client.edit(L2, '- id: net-servers', '- id: net-srv');
    const marked = await next;
    assert.deepEqual(
      marked.map((d) => d.code),
      ['ref-unknown'],
    );
    assert.match(String(marked[0]!.message), /net-servers/);
    next = client.nextPublish(DNS);
    await client.edit(L2, '- id: net-srv', '- id: net-servers');
    assert.deepEqual(await next, []);
  });

  it('a half-typed, broken file keeps its last good entities: one syntax error, no flood of ref-unknown', async () => {
    await client.open(L2, WORKSPACE[L2]!);
    // The first analysis publishes L2 too (an unused network): let it arrive before waiting for the edit's.
    await settle();
    const next = client.nextPublish(L2);
    await client.edit(L2, '  cidr: 10.0.30.0/24', '  cidr: [10.0.30.0/24');
    const own = await next;
    assert.ok(
      own.some((d) => d.code === 'yaml-syntax'),
      JSON.stringify(own),
    );
    await settle();
    assert.equal(client.published(DNS), undefined, 'svc-dns still resolves net-servers');
    assert.equal(client.published(L1), undefined);
  });

  it('re-publishes when include targets appear and disappear on disk (didChangeWatchedFiles)', async () => {
    // A new service file in the included directory refers to a network that does not exist.
    const path = 'topology/L5-application/services/svc-new.yaml';
    s.fs.write(path, 'id: svc-new\nname: New\nruntime:\n  type: docker\n  target_ref: rtr-main\n  network_binding_ref: net-nope\n');
    let next = client.nextPublish(path);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(path), type: FileChangeType.Created }] });
    assert.deepEqual(
      (await next).map((d) => d.code),
      ['ref-unknown'],
    );
    // Deleting svc-dns breaks svc-web's dependency; deleting the new file clears its findings.
    s.fs.delete(DNS);
    s.fs.delete(path);
    next = client.nextPublish(WEB);
    const cleared = client.nextPublish(path);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: client.uri(DNS), type: FileChangeType.Deleted },
        { uri: client.uri(path), type: FileChangeType.Deleted },
      ],
    });
    assert.deepEqual(
      (await next).map((d) => d.code),
      ['ref-unknown'],
    );
    assert.deepEqual(await cleared, []);
  });

  it("re-reads the repository's schema of the format when it changes on disk (didChangeWatchedFiles)", async () => {
    const SCHEMA = 'topology-tools/schemas/topology-v4-schema.json';
    const devices = (types: string[]) =>
      JSON.stringify({
        type: 'object',
        properties: { L1_foundation: { type: 'object', properties: { devices: { type: 'array', items: { type: 'object', properties: { type: { type: 'string', enum: types } } } } } } },
      });
    const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code);
    // The router is a `gateway` now: the bundled schema does not know the value.
    s.fs.write(L1, WORKSPACE[L1]!.replace('  type: router\n', '  type: gateway\n'));
    let next = client.nextPublish(L1);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(L1), type: FileChangeType.Changed }] });
    assert.deepEqual(codes(await next), ['schema-unknown-value']);
    // The repository's schema appears and knows it.
    s.fs.write(SCHEMA, devices(['router', 'gateway']));
    next = client.nextPublish(L1);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(SCHEMA), type: FileChangeType.Created }] });
    assert.deepEqual(codes(await next), []);
    // A release of the schema without the value: the next analysis reads it.
    s.fs.write(SCHEMA, devices(['router']));
    next = client.nextPublish(L1);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(SCHEMA), type: FileChangeType.Changed }] });
    assert.deepEqual(codes(await next), ['schema-unknown-value']);
    // A broken schema is a finding on that file; Strata falls back to the bundled schema.
    s.fs.write(SCHEMA, '{"type": "object",');
    const onSchema = client.nextPublish(SCHEMA);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(SCHEMA), type: FileChangeType.Changed }] });
    assert.deepEqual(codes(await onSchema), ['repository-schema-invalid']);
    await settle();
    assert.deepEqual(codes(client.published(L1) ?? []), ['schema-unknown-value']);
  });

  it('reports a missing include target, and clears it when the file appears', async () => {
    s.fs.write('topology.yaml', `${WORKSPACE['topology.yaml']!}L7_operations: !include topology/L7-operations.yaml\n`);
    let next = client.nextPublish('topology.yaml');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('topology.yaml'), type: FileChangeType.Changed }] });
    assert.ok((await next).some((d) => d.code === 'include-missing'));
    s.fs.write('topology/L7-operations.yaml', '{}\n');
    next = client.nextPublish('topology.yaml');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('topology/L7-operations.yaml'), type: FileChangeType.Created }] });
    assert.deepEqual(await next, []);
  });

  it('closing an unsaved buffer returns to the file on disk', async () => {
    await client.open(L2, WORKSPACE[L2]!);
    let next = client.nextPublish(DNS);
    await client.edit(L2, '- id: net-servers', '- id: net-x');
    assert.equal((await next).length, 1);
    next = client.nextPublish(DNS);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: client.uri(L2) } });
    assert.deepEqual(await next, []);
  });

  it('reads rule severities through workspace/configuration', async () => {
    await client.open(L2, WORKSPACE[L2]!);
    let next = client.nextPublish(DNS);
    await client.edit(L2, '- id: net-servers', '- id: net-x');
    assert.equal((await next)[0]!.severity, 1);
    client.settings = { rules: { 'ref-unknown': 'warning' } };
    next = client.nextPublish(DNS);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.equal((await next)[0]!.severity, 2);
  });

  it('reads the root file setting through workspace/configuration: a set value wins over .strata.yaml', async () => {
    await client.open(L2, WORKSPACE[L2]!);
    await settle();
    // A second root that includes only L2: the refs from L5 to the router are gone, so nothing there is reported.
    s.fs.write(
      'alt-root.yaml',
      'L1_foundation: !include topology/L1-foundation.yaml\nL2_network: !include topology/L2-network.yaml\nL5_application:\n  services:\n  - id: svc-x\n    name: X\n    dependencies:\n    - service_ref: svc-missing\n',
    );
    client.settings = { root: 'alt-root.yaml' };
    const next = client.nextPublish('alt-root.yaml');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const diags = await next;
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line]),
      [['ref-unknown', 7]],
    );
  });

  it('goes to definition, finds references and renames across files', async () => {
    const text = WORKSPACE[DNS]!;
    const at = TestClient.position(text, 'net-servers', 3);
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(DNS) }, position: at })) as Location[];
    assert.deepEqual(defs, [{ uri: client.uri(L2), range: { start: { line: 4, character: 6 }, end: { line: 4, character: 17 } } }]);
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: client.uri(DNS) }, position: at, context: { includeDeclaration: false } }))!;
    assert.deepEqual(
      refs.map((r) => r.uri),
      [client.uri(DNS)],
    );
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: client.uri(DNS) }, position: at });
    assert.deepEqual(prep, { range: { start: { line: 5, character: 23 }, end: { line: 5, character: 34 } }, placeholder: 'net-servers' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: client.uri(DNS) }, position: at, newName: 'net-srv' }))!;
    assert.deepEqual(Object.keys(edit.changes!).sort(), [client.uri(L2), client.uri(DNS)].sort());
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: client.uri(DNS) }, position: at, newName: 'net-iot' }), /already the id of a network/);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: client.uri(DNS) }, position: at, newName: 'Servers' }), /not a valid network id/);
  });

  it("navigates a `*_ref` field no declaration names (a check's target_ref): definition, references, hover, rename; a value naming nothing is a warning", async () => {
    const L6 = 'topology/L6-observability.yaml';
    const l6 = 'healthchecks:\n- id: health-router\n  name: Router\n  checks:\n  - type: ping\n    target_ref: rtr-main\n  - type: ping\n    target_ref: rtr-mian\n';
    const files = { ...WORKSPACE, 'topology.yaml': `${WORKSPACE['topology.yaml']}L6_observability: !include ${L6}\n`, [L6]: l6 };
    const own = inProcess(files);
    try {
      const c = own.client;
      await c.initialize();
      const diags = await c.diagnostics(L6);
      assert.deepEqual(
        diags.map((d) => [d.code, d.severity, d.range.start]),
        [['ref-unknown', 2, { line: 7, character: 16 }]],
      );
      assert.match(String(diags[0]!.message), /target kind is unknown.*Did you mean 'rtr-main'/);
      const at = { textDocument: { uri: c.uri(L6) }, position: TestClient.position(l6, 'rtr-main', 2) };
      const defs = (await c.connection.sendRequest(DefinitionRequest.type, at)) as Location[];
      assert.deepEqual(defs, [{ uri: c.uri(L1), range: { start: { line: 5, character: 6 }, end: { line: 5, character: 14 } } }]);
      const refs = (await c.connection.sendRequest(ReferencesRequest.type, { ...at, context: { includeDeclaration: false } }))!;
      assert.deepEqual(refs.map((r) => `${r.uri.slice(r.uri.indexOf('topology'))}:${r.range.start.line}`).sort(), [`${L2}:8`, `${DNS}:4`, `${L6}:5`]);
      const h = await c.connection.sendRequest(HoverRequest.type, at);
      assert.match((h!.contents as { kind: string; value: string }).value, /\*\*device\*\* `rtr-main` — Router/);
      const edit = (await c.connection.sendRequest(RenameRequest.type, { ...at, newName: 'rtr-core' }))!;
      assert.deepEqual(
        edit.changes![c.uri(L6)]!.map((e) => [e.range.start.line, e.newText]),
        [[5, 'rtr-core']],
      );
      await c.shutdown();
    } finally {
      own.dispose();
    }
  });

  it('answers navigation on the text just typed (pending edits are analysed first)', async () => {
    await client.open(WEB, WORKSPACE[WEB]!);
    await client.edit(WEB, 'name: Web\n', 'name: Web\ndescription: a web front end\n');
    const text = WORKSPACE[WEB]!.replace('name: Web\n', 'name: Web\ndescription: a web front end\n');
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(WEB) }, position: TestClient.position(text, 'svc-dns', 2) })) as Location[];
    assert.equal(defs[0]?.uri, client.uri(DNS));
  });

  it('completes ref ids of the right kind while the buffer is being typed', async () => {
    const text = 'id: svc-web\nname: Web\nruntime:\n  type: docker\n  target_ref: rtr-main\n  network_binding_ref: net-\n';
    await client.open(WEB, WORKSPACE[WEB]!);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [] });
    await client.edit(WEB, WORKSPACE[WEB]!, text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(WEB) }, position: TestClient.position(text, 'net-\n', 4) })) as CompletionList;
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['net-iot', 'net-servers'],
    );
    assert.deepEqual(list.items[1]!.textEdit, { range: { start: { line: 5, character: 23 }, end: { line: 5, character: 27 } }, newText: 'net-servers' });
    assert.equal(list.items[1]!.labelDetails?.description, L2);
  });

  it('hovers with Markdown links to definitions', async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(WEB) }, position: TestClient.position(WORKSPACE[WEB]!, 'svc-dns', 1) });
    const value = (h!.contents as { kind: string; value: string }).value;
    assert.match(value, /\*\*service\*\* `svc-dns` — DNS/);
    assert.ok(value.includes(`](${client.uri(DNS)}#L1)`), value);
  });

  it('outlines, links, lenses, folds and selection ranges', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: client.uri(L2) } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
      [
        ['trust_zones', ['servers']],
        ['networks', ['net-servers', 'net-iot']],
      ],
    );
    const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'nsrv' });
    assert.equal((found as { name: string }[])[0]?.name, 'net-servers');
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: client.uri('topology/L5-application.yaml') } });
    assert.deepEqual(
      links?.map((l) => l.target),
      [client.uri(DNS)],
    );
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: client.uri(L2) } }))!;
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['2 references', '1 reference', '0 references'],
    );
    const shown = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.showReferences, arguments: lenses[1]!.command!.arguments! });
    assert.deepEqual(
      (shown as Location[]).map((l) => l.uri),
      [client.uri(DNS)],
    );
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: client.uri(L2) } });
    assert.ok(
      folds?.some((f) => f.startLine === 3 && f.endLine === 12),
      JSON.stringify(folds),
    );
    const sel = await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: client.uri(L2) }, positions: [{ line: 4, character: 10 }] });
    assert.deepEqual(sel![0]!.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 17 } });
    assert.deepEqual(sel![0]!.parent!.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 17 } });
  });

  it('quick-fixes ref-unknown: did-you-mean, and creating the entity in a new file of a one-file-per-entity folder', async () => {
    await client.open(WEB, WORKSPACE[WEB]!);
    await settle();
    const next = client.nextPublish(WEB);
    await client.edit(WEB, 'service_ref: svc-dns', 'service_ref: svc-dnz');
    const [diag] = await next;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: client.uri(WEB) }, range: diag!.range, context: { diagnostics: [diag!] } })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Replace with 'svc-dns'", "Create service 'svc-dnz'"],
    );
    assert.deepEqual(actions[0]!.edit!.changes![client.uri(WEB)], [{ range: diag!.range, newText: 'svc-dns' }]);
    const changes = actions[1]!.edit!.documentChanges!;
    assert.deepEqual(changes[0], { kind: 'create', uri: client.uri('topology/L5-application/services/svc-dnz.yaml'), options: { ignoreIfExists: true } });
    assert.deepEqual((changes[1] as TextDocumentEdit).edits[0], { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'id: svc-dnz\nname: svc-dnz\n' });
  });

  it('offers the next free address as a completion item and a code action on an address tied to a network', async () => {
    const withAlloc = WORKSPACE[L2]!.replace(
      '  managed_by_ref: rtr-main\n- id: net-iot',
      '  gateway: 10.0.30.1\n  managed_by_ref: rtr-main\n  ip_allocations:\n  - ip: 10.0.30.5\n    device_ref: rtr-main\n- id: net-iot',
    );
    await client.open(L2, WORKSPACE[L2]!);
    await settle();
    const next = client.nextPublish(L2);
    await client.edit(L2, WORKSPACE[L2]!, withAlloc);
    await next;
    const position = TestClient.position(withAlloc, '10.0.30.5', 3);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(L2) }, position })) as CompletionList;
    assert.deepEqual(
      list.items.map((i) => [i.label, i.detail]),
      [['10.0.30.2', 'next free address in net-servers']],
    );
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri(L2) },
      range: { start: position, end: position },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const use = actions.find((a) => a.title === 'Use next free address in net-servers');
    assert.ok(use, actions.map((a) => a.title).join(', '));
    const [edit] = use!.edit!.changes![client.uri(L2)]!;
    assert.equal(edit!.newText, '10.0.30.2');
    assert.deepEqual(edit!.range.start, { line: position.line, character: 8 });
    await client.edit(L2, withAlloc, WORKSPACE[L2]!);
  });
});
