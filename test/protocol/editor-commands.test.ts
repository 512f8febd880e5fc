import { COMMANDS } from '../../shared/commands';
import * as assert from 'node:assert/strict';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CodeActionResolveRequest,
  DiagnosticSeverity,
  DiagnosticTag,
  ExecuteCommandRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { FULL_CAPABILITIES, inProcess, stopAfterEach, TestClient, type InProcess } from '../helpers/lsp-client';

/** A small v4.0 workspace: legacy LXC type/role, a service on it, and a storage chain under a data asset. */
const FILES: Record<string, string> = {
  'topology.yaml': 'L1_foundation: !include topology/L1.yaml\nL3_data: !include topology/L3.yaml\nL4_platform: !include topology/L4.yaml\nL5_application: !include topology/L5.yaml\n',
  'topology/L1.yaml': [
    'devices:',
    '- id: gamayun',
    '  name: Gamayun',
    '  type: hypervisor',
    '  role: compute',
    '  class: compute',
    '  substrate: baremetal-owned',
    '  access: local-lan',
    '  specs:',
    '    storage_slots:',
    '    - id: slot-sata-0',
    '      name: SATA 0',
    '      bus: sata',
    '      mount: replaceable',
    '      connector: sata',
    'media_registry:',
    '- id: disk-ssd',
    '  name: SSD',
    '  type: ssd',
    '  size_gb: 512',
    'media_attachments:',
    '- id: attach-ssd',
    '  device_ref: gamayun',
    '  slot_ref: slot-sata-0',
    '  media_ref: disk-ssd',
    '  state: present',
    '',
  ].join('\n'),
  'topology/L3.yaml': [
    'partitions:',
    '- id: part-pv',
    '  media_attachment_ref: attach-ssd',
    '  number: 3',
    '  type: lvm-pv',
    '  size: remaining',
    'volume_groups:',
    '- id: vg-pve',
    '  name: pve',
    '  type: lvm',
    '  pv_refs: [part-pv]',
    'logical_volumes:',
    '- id: lv-data',
    '  name: data',
    '  type: thin-pool',
    '  vg_ref: vg-pve',
    'storage_endpoints:',
    '- id: se-lvm',
    '  name: local-lvm',
    '  platform: proxmox',
    '  type: lvmthin',
    '  lv_ref: lv-data',
    'data_assets:',
    '- id: data-pg',
    '  name: PostgreSQL',
    '  category: database',
    '  criticality: low',
    '  engine: postgresql',
    '  storage_endpoint_ref: se-lvm',
    '',
  ].join('\n'),
  'topology/L4.yaml': ['lxc:', '- id: lxc-db', '  vmid: 200', '  name: db', '  device_ref: gamayun', '  # the database container', '  type: database', '  role: database-server', ''].join('\n'),
  'topology/L5.yaml': [
    'services:',
    '- id: svc-db',
    '  name: DB',
    '  runtime:',
    '    type: lxc',
    '    target_ref: lxc-db',
    '- id: svc-app',
    '  name: App',
    '  runtime:',
    '    type: lxc',
    '    target_ref: lxc-db',
    '  dependencies:',
    '  - service_ref: svc-db',
    '',
  ].join('\n'),
};

describe('editor commands over the protocol: migrations, storage chain, deploy order', () => {
  let s: InProcess;
  let client: TestClient;
  const applied: ApplyWorkspaceEditParams[] = [];

  beforeEach(async () => {
    s = inProcess({ ...FILES });
    client = s.client;
    applied.length = 0;
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      applied.push(p);
      return { applied: true };
    });
    await client.initialize({
      ...FULL_CAPABILITIES,
      workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'delete'], changeAnnotationSupport: {} } },
    });
  });
  stopAfterEach(() => s);

  const run = (command: string, args: unknown[] = []) => client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });

  it('offers "Migrate: <title>" and its whole-workspace variant on a deprecated-field finding, keeping comments', async () => {
    const text = FILES['topology/L4.yaml']!;
    const next = client.nextPublish('topology/L4.yaml');
    await client.open('topology/L4.yaml', text);
    const diags = await next;
    const typeFinding = diags.find((d) => d.code === 'deprecated-field' && d.range.start.line === 6);
    assert.ok(typeFinding, JSON.stringify(diags.map((d) => [d.code, d.range.start.line])));
    assert.deepEqual([typeFinding.severity, typeFinding.tags], [DiagnosticSeverity.Hint, [DiagnosticTag.Deprecated]]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri('topology/L4.yaml') },
      range: typeFinding.range,
      context: { diagnostics: [typeFinding] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(
      titles.filter((t) => t.startsWith('Migrate: ')),
      ['Migrate: platform_type and tags replace type and role', 'Migrate: platform_type and tags replace type and role (whole workspace)'],
    );
    const edit = (actions[0]!.edit!.documentChanges![0] as TextDocumentEdit).edits;
    const after = TestClient.apply(text, edit);
    assert.match(after, /platform_type: lxc-unprivileged/);
    assert.match(after, /# the database container/);
    assert.doesNotMatch(after, /\n {2}type: database/);
  });

  it('offers the migration quick fixes without running the migration to a client that resolves edits, and computes the chosen one on codeAction/resolve', async () => {
    const r = inProcess({ ...FILES });
    try {
      const caps = {
        ...FULL_CAPABILITIES,
        workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'delete'] } },
        textDocument: { ...FULL_CAPABILITIES.textDocument, codeAction: { resolveSupport: { properties: ['edit'] } } },
      };
      const init = await r.client.initialize(caps as typeof FULL_CAPABILITIES);
      assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'], resolveProvider: true });
      const text = FILES['topology/L4.yaml']!;
      const next = r.client.nextPublish('topology/L4.yaml');
      await r.client.open('topology/L4.yaml', text);
      const typeFinding = (await next).find((d) => d.code === 'deprecated-field' && d.range.start.line === 6)!;
      const actions = (await r.client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: r.client.uri('topology/L4.yaml') },
        range: typeFinding.range,
        context: { diagnostics: [typeFinding] },
      })) as CodeAction[];
      const offered = actions.filter((a) => a.title.startsWith('Migrate: '));
      assert.deepEqual(
        offered.map((a) => [a.title, a.isPreferred, a.edit]),
        [
          ['Migrate: platform_type and tags replace type and role', true, undefined],
          ['Migrate: platform_type and tags replace type and role (whole workspace)', false, undefined],
        ],
      );
      for (const a of offered) {
        const resolved = await r.client.connection.sendRequest(CodeActionResolveRequest.type, a);
        const after = TestClient.apply(text, (resolved.edit!.documentChanges![0] as TextDocumentEdit).edits);
        assert.match(after, /platform_type: lxc-unprivileged/);
        assert.match(after, /# the database container/);
      }
    } finally {
      await r.client.shutdown();
      r.dispose();
    }
  });

  it('"Migrate workspace…" lists pending migrations with counts, previews a diff, and applies the chosen ones as one edit needing confirmation', async () => {
    const listed = (await run(COMMANDS.migrateWorkspace)) as { pending: { id: string; count: number }[] };
    const platform = listed.pending.find((p) => p.id === 'platform-type');
    assert.deepEqual(platform && [platform.id, platform.count], ['platform-type', 1]);
    const preview = (await run(COMMANDS.migrateWorkspace, [{ ids: ['platform-type'] }])) as { preview: string };
    assert.match(preview.preview, /^-\s+type: database$/m);
    assert.match(preview.preview, /^\+\s+platform_type: lxc-unprivileged$/m);
    assert.equal(applied.length, 0);
    const result = (await run(COMMANDS.migrateWorkspace, [{ ids: ['platform-type'], apply: true }])) as { applied: boolean };
    assert.equal(result.applied, true);
    assert.equal(applied.length, 1);
    const edit = applied[0]!.edit;
    assert.equal(edit.changeAnnotations?.migration?.needsConfirmation, true);
    const doc = edit.documentChanges![0] as TextDocumentEdit;
    assert.equal(doc.textDocument.uri, client.uri('topology/L4.yaml'));
    assert.match(TestClient.apply(FILES['topology/L4.yaml']!, doc.edits), /platform_type: lxc-unprivileged/);
  });

  it('"Show storage chain" answers Markdown for the entity under the cursor, down to the device', async () => {
    const text = FILES['topology/L3.yaml']!;
    const md = (await run(COMMANDS.showStorageChain, [client.uri('topology/L3.yaml'), TestClient.position(text, 'id: data-pg', 5)])) as string;
    for (const id of ['se-lvm', 'lv-data', 'vg-pve', 'part-pv', 'attach-ssd', 'disk-ssd', 'gamayun']) assert.ok(md.includes(`\`${id}\``), `${id} missing from:\n${md}`);
    assert.equal(await run(COMMANDS.showStorageChain, [client.uri('topology/L5.yaml'), { line: 0, character: 0 }]), '');
  });

  it('"Show deploy order" answers the groups in order and a Mermaid graph', async () => {
    const md = (await run(COMMANDS.showDeployOrder)) as string;
    assert.match(md, /1\. `svc-db`\n2\. `svc-app`/);
    assert.match(md, /```mermaid\nflowchart LR/);
  });
});
