/**
 * The language server and the browser worker offer the same quick fixes for the same finding: both
 * convert what core/features/code-actions.ts decides. Each case is asked of the real server (in
 * process, over LSP) and of the worker's handler, and the two answers are compared in one shape.
 */
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { CodeActionRequest, type CodeAction, type ClientCapabilities, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/core/text/line-index';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { AnalysisHost } from '../../server/src/core/host';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { analyzeWorkspace, handlers } from '../../web/src/worker-features';
import type { CodeActionResult } from '../../web/src/protocol';
import { FULL_CAPABILITIES, inProcess } from '../helpers/lsp-client';
import { readTree } from '../helpers/workspace-files';
import { WORKSPACE } from '../protocol/workspace';

const REPO = resolve(__dirname, '../../..');
const NC = 'kubernetes/base/nextcloud';
const L2 = 'topology/L2-network.yaml';
const k8s = () => readTree(join(REPO, 'test-fixtures/k8s-sample'));

/** An editor that applies every kind of edit itself (creates, deletes, several files). */
const CAPABLE: ClientCapabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'delete'] } } };

interface Case {
  name: string;
  files: () => Record<string, string>;
  file: string;
  /** The rule of the finding asked about (its first in the file). */
  code: string;
  /** The titles both must offer (first ones, in order). */
  titles: string[];
}

const CASES: Case[] = [
  {
    name: 'a Kubernetes reference that names nothing (a fix the finding carries)',
    files: () => {
      const f = { ...WORKSPACE, ...k8s() };
      f[`${NC}/deployment.yaml`] = f[`${NC}/deployment.yaml`]!.replace('claimName: nextcloud-storage', 'claimName: nextcloud-storag');
      return f;
    },
    file: `${NC}/deployment.yaml`,
    code: 'k8s-ref-unknown',
    titles: ["Replace with 'nextcloud-storage'"],
  },
  {
    name: 'a manifest named against the pattern (a rename: create and delete)',
    files: () => {
      const f = { ...WORKSPACE, ...k8s() };
      f[`${NC}/storage.yaml`] = f[`${NC}/pvc.yaml`]!;
      delete f[`${NC}/pvc.yaml`];
      return f;
    },
    file: `${NC}/storage.yaml`,
    code: 'k8s-file-name',
    titles: ['Rename storage.yaml to pvc.yaml'],
  },
  {
    name: 'a topology ref that names nothing (did-you-mean, and a new file for the entity)',
    files: () => ({ ...WORKSPACE, 'topology/L5-application/services/svc-web.yaml': WORKSPACE['topology/L5-application/services/svc-web.yaml']!.replace('svc-dns', 'svc-dnz') }),
    file: 'topology/L5-application/services/svc-web.yaml',
    code: 'ref-unknown',
    titles: ["Replace with 'svc-dns'", "Create service 'svc-dnz'"],
  },
  {
    name: 'an address outside its network (the next free address, preferred as its fix)',
    files: () => ({
      ...WORKSPACE,
      [L2]: WORKSPACE[L2]!.replace(
        '  managed_by_ref: rtr-main\n- id: net-iot',
        '  gateway: 10.0.30.1\n  managed_by_ref: rtr-main\n  ip_allocations:\n  - ip: 10.0.40.5\n    device_ref: rtr-main\n- id: net-iot',
      ),
    }),
    file: L2,
    code: 'ip-outside-network',
    titles: ['Use next free address in net-servers'],
  },
  {
    name: 'a legacy shape (the item migration, and the whole workspace)',
    files: () => readTree(join(REPO, 'test-fixtures/sample-v4')),
    file: 'topology/L4-platform.yaml',
    code: 'deprecated-field',
    titles: ['Migrate: Storage pools to an explicit storage chain', 'Migrate: Storage pools to an explicit storage chain (whole workspace)'],
  },
];

/** One fix as both front ends can say it: edits by file and range, files created and deleted. */
interface Offered {
  title: string;
  preferred: boolean;
  edits: string[];
  create: string[];
  delete: string[];
}

function fromServer(a: CodeAction, toPath: (uri: string) => string): Offered {
  const edits: string[] = [];
  const create: string[] = [];
  const del: string[] = [];
  const created = new Set<string>();
  for (const [uri, list] of Object.entries(a.edit?.changes ?? {})) for (const e of list) edits.push(editLine(toPath(uri), e.range, e.newText));
  for (const c of a.edit?.documentChanges ?? []) {
    if ('kind' in c) {
      if (c.kind === 'create') created.add(toPath(c.uri));
      if (c.kind === 'delete') del.push(toPath(c.uri));
      continue;
    }
    const path = toPath(c.textDocument.uri);
    if (created.has(path)) create.push(`${path}: ${c.edits.map((e) => ('newText' in e ? e.newText : '')).join('')}`);
    else for (const e of c.edits) edits.push(editLine(path, e.range, 'newText' in e ? e.newText : undefined));
  }
  return { title: a.title, preferred: a.isPreferred ?? false, edits: edits.sort(), create: create.sort(), delete: del.sort() };
}

function fromWorker(a: CodeActionResult): Offered {
  return {
    title: a.title,
    preferred: a.preferred ?? false,
    edits: a.edits.map((e) => editLine(e.file, e.range, e.newText)).sort(),
    create: (a.create ?? []).map((c) => `${c.file}: ${c.content}`).sort(),
    delete: [...(a.delete ?? [])].sort(),
  };
}

const editLine = (file: string, r: Diagnostic['range'], text: string | undefined) => `${file}:${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${JSON.stringify(text)}`;

async function serverOffers(c: Case): Promise<Offered[]> {
  const s = inProcess(c.files());
  try {
    await s.client.initialize(CAPABLE);
    const d = (await s.client.diagnostics(c.file)).find((x) => x.code === c.code);
    assert.ok(d, `the server reports ${c.code} in ${c.file}`);
    const actions = (await s.client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: s.client.uri(c.file) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    await s.client.shutdown();
    return actions.map((a) => fromServer(a, (uri) => uri.slice(s.client.rootUri.length + 1)));
  } finally {
    s.dispose();
  }
}

function workerOffers(c: Case): Offered[] {
  const fs = new MemoryFileSystem(c.files());
  const ws = new Workspace(fs);
  const analysis = analyzeWorkspace(new AnalysisHost(ws, topologyDeclarations()));
  const d = analysis.diagnostics.find((x) => x.file === c.file && x.code === c.code);
  assert.ok(d, `the worker reports ${c.code} in ${c.file}`);
  const offset = new LineIndex(ws.readText(c.file).text ?? '').offset(d.range.start);
  const codeActions = handlers.codeActions as (p: unknown, ctx: unknown) => CodeActionResult[];
  return codeActions({ path: c.file, offset, asked: [{ code: d.code, start: d.range.start }] }, { ws, fs, analysis: () => analysis }).map(fromWorker);
}

describe('quick fixes: the language server and the browser worker offer the same', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const server = await serverOffers(c);
      const worker = workerOffers(c);
      assert.deepEqual(
        server.slice(0, c.titles.length).map((a) => a.title),
        c.titles,
      );
      assert.ok(
        server.every((a) => a.edits.length + a.create.length + a.delete.length > 0),
        'every fix edits something',
      );
      assert.equal(server[0]?.preferred, true, 'the first fix is the preferred one');
      assert.deepEqual(worker, server);
    });
  }
});
