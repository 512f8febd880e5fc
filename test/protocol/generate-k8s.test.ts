import { GENERATOR_NAMES } from '../../server/src/core/generator-names';
import { COMMANDS } from '../../shared/commands';
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  InitializeRequest,
  InitializedNotification,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type ClientCapabilities,
  type CodeAction,
  type CompletionList,
  type CreateFile,
  type DeleteFile,
  type Location,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { NodeFileSystem } from '../../server/src/node/node-fs';
import type { GeneratedChange, NewServiceCommandResult, RegenerateCommandResult } from '../../shared/protocol';
import { FULL_CAPABILITIES, inProcess, stopAfterEach, TestClient, type InProcess } from '../helpers/lsp-client';
import { readTree, writeTree } from '../helpers/workspace-files';
import { WORKSPACE } from './workspace';

const VERSION = '0.0.0-test';
const K8S_SAMPLE = resolve(__dirname, '../../../test-fixtures/k8s-sample');
const L2 = 'topology/L2-network.yaml';
const NC = 'kubernetes/base/nextcloud';

/** The k8s sample as workspace-relative paths → texts. */
const k8sSample = (): Record<string, string> => readTree(K8S_SAMPLE);

const WITH_PROGRESS: ClientCapabilities = { ...FULL_CAPABILITIES, window: { workDoneProgress: true } };
const WITH_RESOURCE_OPS: ClientCapabilities = {
  ...FULL_CAPABILITIES,
  workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'delete'] } },
};

/** A server over a real folder (the writing commands need a disk), as the `strata lsp` command starts it. */
function onDisk(files: Record<string, string>): InProcess & { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'strata-lsp-'));
  writeTree(dir, files);
  const s = inProcess({}, 5, new NodeFileSystem(dir), { rootUri: pathToFileURL(dir).href, env: { disk: () => ({ folder: dir, toolVersion: VERSION }) } });
  return { ...s, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const exec = <T>(client: TestClient, command: string, args: unknown[] = []) => client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
const lensTitles = async (client: TestClient, path: string) =>
  ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: client.uri(path) } })) ?? []).map((l) => l.command?.title);

describe('language server: generators and Kubernetes (in-process, on disk)', () => {
  describe('regenerate', () => {
    let s: ReturnType<typeof onDisk>;
    let client: TestClient;
    stopAfterEach(() => s);

    it('advertises the commands and save notifications only with a disk behind it', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      const caps = (await client.initialize()).capabilities;
      const reads = [COMMANDS.migrateWorkspace, COMMANDS.showStorageChain, COMMANDS.showDeployOrder, COMMANDS.showReferences];
      assert.deepEqual(
        new Set(caps.executeCommandProvider?.commands),
        new Set([COMMANDS.regenerateAll, ...GENERATOR_NAMES.map((g) => COMMANDS.regenerate[g]), COMMANDS.generatedStaleCount, COMMANDS.showGeneratedChanges, COMMANDS.newKubernetesService, ...reads]),
      );
      assert.deepEqual(typeof caps.textDocumentSync === 'object' ? caps.textDocumentSync.save : undefined, { includeText: false });
      const memory = inProcess({ ...WORKSPACE });
      try {
        const bare = (await memory.client.initialize()).capabilities;
        assert.deepEqual(new Set(bare.executeCommandProvider?.commands), new Set(reads));
        assert.equal(typeof bare.textDocumentSync === 'object' ? bare.textDocumentSync.save : 'none', undefined);
        await assert.rejects(exec(memory.client, COMMANDS.regenerateAll), /no disk/);
        await memory.client.shutdown();
      } finally {
        memory.dispose();
      }
    });

    it('regenerate all writes the files from the live model, with progress per generator, log lines and a summary; the lens goes from stale to up to date', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      await client.initialize(WITH_PROGRESS);
      const [before] = await lensTitles(client, 'topology.yaml');
      assert.match(before!, /^Regenerate all \(\d+ outputs? stale\)$/);
      assert.equal(await exec<number>(client, COMMANDS.generatedStaleCount), Number(/\((\d+)/.exec(before!)![1]));

      const r = await exec<RegenerateCommandResult>(client, COMMANDS.regenerateAll);
      assert.match(r.message, /^Regenerated 4 generators: \d+ written, 0 unchanged, 0 removed$/);
      assert.deepEqual(r.summary.map((g) => [g.generator, g.status]).sort(), GENERATOR_NAMES.map((g) => [g, 'ran']).sort());
      assert.equal(r.outDir, client.uri('generated'));
      const written = r.changes.filter((c) => c.action === 'written');
      assert.equal(
        written.length,
        r.summary.reduce((n, g) => n + g.written, 0),
      );
      assert.ok(written.length > 0);
      for (const c of written) {
        assert.ok(c.uri.startsWith(client.uri('generated/')), c.uri);
        assert.ok(existsSync(fileURLToPath(c.uri)), c.uri);
        assert.equal(c.before, undefined, 'a new file has no previous content');
      }
      assert.ok(existsSync(join(s.dir, 'generated/.strata-manifest.json')));
      assert.match(r.text, /terraform-proxmox/);
      assert.equal(Number(/\((\d+)/.exec(before!)![1]), written.length);

      // Progress: created by the server (the request carried no token), begin, one report per generator, end.
      assert.equal(client.progressTokens.length, 1);
      const kinds = client.progress.filter((p) => p.token === client.progressTokens[0]).map((p) => p.value.kind);
      assert.deepEqual(kinds, ['begin', ...GENERATOR_NAMES.map(() => 'report'), 'end']);
      assert.equal(client.progress.find((p) => p.value.kind === 'begin')!.value.title, 'Strata: Regenerating');
      // The server log has each generator's line.
      for (const g of GENERATOR_NAMES)
        assert.ok(
          client.logs.some((l) => l.startsWith('regenerate:') && l.includes(g)),
          g,
        );

      assert.deepEqual(await lensTitles(client, 'topology.yaml'), ['Regenerate all (outputs up to date)']);
      assert.deepEqual(await exec<GeneratedChange[]>(client, COMMANDS.showGeneratedChanges), r.changes);
      assert.equal(await exec<number>(client, COMMANDS.generatedStaleCount), 0);
    });

    it('regenerate names what a generator left out, with the reason and the file it stands in, in its result and the server log', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      await client.initialize();
      const r = await exec<RegenerateCommandResult>(client, COMMANDS.regenerateAll);
      const gateway = r.notes.find((n) => n.generator === 'terraform-mikrotik' && /'net-servers' is managed by 'rtr-main' but has no gateway/.test(n.message));
      assert.ok(gateway, JSON.stringify(r.notes));
      assert.equal(gateway.severity, 'warning');
      assert.equal(gateway.uri, client.uri('topology/L2-network.yaml'));
      assert.ok(
        client.logs.some((l) => l.startsWith('regenerate: topology/L2-network.yaml: warning[') && l.includes("'net-servers' is managed by 'rtr-main'")),
        client.logs.join('\n'),
      );
    });

    it('one generator per command; "Show changes" carries the previous content of what was written over', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      await client.initialize();
      await exec(client, COMMANDS.regenerateAll);
      // The open buffer (not the disk) is what the live model holds.
      await client.open(L2, WORKSPACE[L2]!);
      await client.edit(L2, 'name: IoT', 'name: Internet of Things');
      assert.match((await lensTitles(client, 'topology.yaml'))[0]!, /stale\)$/);
      const r = await exec<RegenerateCommandResult>(client, COMMANDS.regenerate.docs);
      assert.deepEqual(
        r.summary.map((g) => g.generator),
        ['docs'],
      );
      const changed = r.changes.filter((c) => c.action === 'written');
      assert.ok(changed.length > 0);
      for (const c of changed) {
        assert.ok(c.before !== undefined && !c.before.includes('Internet of Things'), c.uri);
        assert.ok(readFileSync(fileURLToPath(c.uri), 'utf8').length > 0);
      }
      assert.ok(changed.some((c) => readFileSync(fileURLToPath(c.uri), 'utf8').includes('Internet of Things')));
      assert.equal(client.progressTokens.length, 0, 'no progress for a client that does not support it');
    });

    it('leaves regenerate-on-save to a client that says it does it itself', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      const result = await client.connection.sendRequest(InitializeRequest.type, {
        processId: null,
        rootUri: client.rootUri,
        capabilities: FULL_CAPABILITIES,
        initializationOptions: { clientRegeneratesOnSave: true },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
      assert.equal(typeof result.capabilities.textDocumentSync === 'object' ? result.capabilities.textDocumentSync.save : 'none', undefined);
      client.settings = { generate: { onSave: true } };
      await client.open(L2, WORKSPACE[L2]!);
      await client.save(L2);
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zzz-settle' });
      assert.equal(existsSync(join(s.dir, 'generated')), false);
    });

    it('reports progress on the token the request carries', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      await client.initialize(WITH_PROGRESS);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.regenerate.ansible, arguments: [], workDoneToken: 'mine' });
      assert.equal(client.progressTokens.length, 0);
      assert.deepEqual(
        client.progress.filter((p) => p.token === 'mine').map((p) => p.value.kind),
        ['begin', 'report', 'end'],
      );
    });

    it('regenerates on save of a topology file when strata.generate.onSave is true, and not when it is off', async () => {
      s = onDisk(WORKSPACE);
      client = s.client;
      await client.initialize();
      await client.open(L2, WORKSPACE[L2]!);
      client.settings = { generate: { onSave: false } };
      const asked = client.nextConfigurationRequest();
      await client.save(L2);
      await asked;
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zzz-settle' });
      assert.equal(existsSync(join(s.dir, 'generated')), false);
      assert.ok(!client.logs.some((l) => /regenerated on save/.test(l)));

      client.settings = { generate: { onSave: true } };
      const logged = client.nextLog(/^regenerated on save of /);
      await client.save(L2);
      assert.match(await logged, /^regenerated on save of topology\/L2-network\.yaml: Regenerated 4 generators: \d+ written/);
      assert.ok(existsSync(join(s.dir, 'generated/.strata-manifest.json')));
      assert.deepEqual(await lensTitles(client, 'topology.yaml'), ['Regenerate all (outputs up to date)']);
    });
  });

  describe('Kubernetes manifests', () => {
    let s: InProcess;
    let client: TestClient;
    stopAfterEach(() => s);
    /** Starts the server on the workspace and the k8s sample, changed first by `change`; returns the files. */
    const start = async (change: (files: Record<string, string>) => void = () => {}, capabilities?: ClientCapabilities) => {
      const files = { ...WORKSPACE, ...k8sSample() };
      change(files);
      s = inProcess(files);
      client = s.client;
      await client.initialize(capabilities);
      return files;
    };
    /** The PersistentVolumeClaim's file misnamed storage.yaml. */
    const misnamePvc = (files: Record<string, string>) => {
      files[`${NC}/storage.yaml`] = files[`${NC}/pvc.yaml`]!;
      delete files[`${NC}/pvc.yaml`];
    };

    it('publishes Kubernetes findings for manifests that are not open, and applies their quick fixes (text edits; a rename as create + delete)', async () => {
      const files = await start((f) => {
        f[`${NC}/deployment.yaml`] = f[`${NC}/deployment.yaml`]!.replace('claimName: nextcloud-storage', 'claimName: nextcloud-storag');
        misnamePvc(f);
      }, WITH_RESOURCE_OPS);

      // A broken reference, with a did-you-mean fix.
      const deployment = `${NC}/deployment.yaml`;
      const diags = await client.diagnostics(deployment);
      const ref = diags.find((d) => d.code === 'k8s-ref-unknown');
      assert.ok(ref, JSON.stringify(diags));
      assert.match(String(ref.message), /claimName `nextcloud-storag` names no PersistentVolumeClaim/);
      assert.match(ref.codeDescription?.href ?? '', /docs\/rules\/k8s-ref-unknown\.md$/);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: client.uri(deployment) },
        range: ref.range,
        context: { diagnostics: [ref] },
      })) as CodeAction[];
      assert.deepEqual(
        actions.map((a) => a.title),
        ["Replace with 'nextcloud-storage'"],
      );
      assert.deepEqual(actions[0]!.edit!.changes![client.uri(deployment)], [{ range: ref.range, newText: 'nextcloud-storage' }]);
      s.fs.write(deployment, files[deployment]!.replace('claimName: nextcloud-storag', 'claimName: nextcloud-storage'));
      let next = client.nextPublish(deployment);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(deployment), type: FileChangeType.Changed }] });
      assert.ok(!(await next).some((d) => d.code === 'k8s-ref-unknown'));

      // A file named against the pattern: the fix creates the right file and deletes the old one.
      const misnamed = `${NC}/storage.yaml`;
      const named = (await client.diagnostics(misnamed)).find((d) => d.code === 'k8s-file-name');
      assert.ok(named);
      const [rename] = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: client.uri(misnamed) },
        range: named.range,
        context: { diagnostics: [named] },
      })) as CodeAction[];
      assert.equal(rename!.title, 'Rename storage.yaml to pvc.yaml');
      const ops = rename!.edit!.documentChanges!;
      assert.deepEqual(ops[0], { kind: 'create', uri: client.uri(`${NC}/pvc.yaml`), options: { ignoreIfExists: true } } satisfies CreateFile);
      assert.equal(((ops[1] as TextDocumentEdit).edits[0] as TextEdit).newText, files[misnamed]);
      assert.deepEqual(ops.at(-1), { kind: 'delete', uri: client.uri(misnamed), options: { ignoreIfNotExists: true } } satisfies DeleteFile);
      // Applied (as the editor would) and reported by the watcher: the finding is gone.
      s.fs.write(`${NC}/pvc.yaml`, ((ops[1] as TextDocumentEdit).edits[0] as TextEdit).newText);
      s.fs.delete(misnamed);
      next = client.nextPublish(misnamed);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [
          { uri: client.uri(`${NC}/pvc.yaml`), type: FileChangeType.Created },
          { uri: client.uri(misnamed), type: FileChangeType.Deleted },
        ],
      });
      assert.deepEqual(await next, []);
      assert.deepEqual(
        (s.session().current()?.diagnostics ?? []).filter((d) => d.file.startsWith('kubernetes/') || d.file.startsWith('flux/')),
        [],
      );
    });

    it('does not offer a fix that deletes a file to a client without delete operations', async () => {
      await start(misnamePvc);
      const named = (await client.diagnostics(`${NC}/storage.yaml`)).find((d) => d.code === 'k8s-file-name')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: client.uri(`${NC}/storage.yaml`) },
        range: named.range,
        context: { diagnostics: [named] },
      })) as CodeAction[];
      assert.deepEqual(actions, []);
    });

    it('republishes a manifest edited in the editor', async () => {
      const files = await start();
      const path = `${NC}/deployment.yaml`;
      const text = files[path]!;
      await client.open(path, text);
      // Every publish of the first analysis has arrived once a later response has.
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zzz-settle' });
      const next = client.nextPublish(path);
      await client.edit(path, 'imagePullPolicy: IfNotPresent', 'imagePullPolicy: Always');
      const diags = await next;
      const d = diags.find((x) => x.code === 'k8s-image-pull-policy');
      assert.ok(d, JSON.stringify(diags));
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: client.uri(path) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      assert.ok(actions.length > 0 && actions.every((a) => a.edit?.changes?.[client.uri(path)]), JSON.stringify(actions));
    });

    it('goes to definition across manifest files, finds references and completes names', async () => {
      const files = await start();
      const path = `${NC}/deployment.yaml`;
      const text = files[path]!;
      const at = TestClient.position(text, 'claimName: nextcloud-storage', 'claimName: '.length + 3);
      const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(path) }, position: at })) as Location[];
      const pvc = files[`${NC}/pvc.yaml`]!;
      const name = TestClient.position(pvc, 'nextcloud-storage');
      assert.deepEqual(defs, [{ uri: client.uri(`${NC}/pvc.yaml`), range: { start: name, end: { line: name.line, character: name.character + 'nextcloud-storage'.length } } }]);
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: client.uri(`${NC}/pvc.yaml`) }, position: name, context: { includeDeclaration: false } }))!;
      assert.deepEqual(
        refs.map((r) => r.uri),
        [client.uri(path)],
      );
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(path) }, position: at })) as CompletionList;
      assert.ok(
        list.items.some((i) => i.label === 'nextcloud-storage' && i.detail === 'PersistentVolumeClaim'),
        JSON.stringify(list.items),
      );
    });
  });

  describe('strata.k8s.newService', () => {
    let s: ReturnType<typeof onDisk>;
    let client: TestClient;
    stopAfterEach(() => s);

    it('writes a compliant service folder through the writer (dry run first), and refuses an existing one', async () => {
      s = onDisk({ ...WORKSPACE });
      cpSync(K8S_SAMPLE, s.dir, { recursive: true });
      client = s.client;
      await client.initialize();
      const options = { name: 'grafana', exposed: true, storage: '10Gi', metrics: true, secrets: true, image: 'grafana/grafana:11.1.0', port: 3000 };

      const plan = await exec<NewServiceCommandResult>(client, COMMANDS.newKubernetesService, [{ ...options, dryRun: true }]);
      assert.equal(plan.dryRun, true);
      assert.ok(plan.files.some((f) => f.path === 'kubernetes/base/grafana/deployment.yaml'));
      assert.ok(plan.files.some((f) => f.path === 'flux/apps/grafana.yaml'));
      assert.equal(existsSync(join(s.dir, 'kubernetes/base/grafana')), false, 'a dry run writes nothing');

      const done = await exec<NewServiceCommandResult>(client, COMMANDS.newKubernetesService, [options]);
      assert.deepEqual(
        done.files.map((f) => f.path),
        plan.files.map((f) => f.path),
      );
      for (const f of done.files) {
        assert.equal(f.uri, client.uri(f.path));
        assert.equal(readFileSync(join(s.dir, f.path), 'utf8'), f.content);
      }
      // The live analysis sees the new folder at once and finds nothing to report in it.
      const analysis = s.session().current()!;
      assert.ok(
        analysis.diagnostics.every((d) => !d.file.includes('grafana')),
        JSON.stringify(analysis.diagnostics.filter((d) => d.file.includes('grafana'))),
      );

      await assert.rejects(exec(client, COMMANDS.newKubernetesService, [options]), /kubernetes\/base\/grafana already exists/);
      mkdirSync(join(s.dir, 'kubernetes/base/loki'));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('kubernetes/base/loki'), type: FileChangeType.Created }] });
      await assert.rejects(exec(client, COMMANDS.newKubernetesService, [{ name: 'loki' }]), /kubernetes\/base\/loki already exists/);
      await assert.rejects(exec(client, COMMANDS.newKubernetesService, [{ name: 'Bad Name' }]), /not kebab-case/);
      await assert.rejects(exec(client, COMMANDS.newKubernetesService, [{ port: 'x' }]), /'name' must be a string/);
    });
  });
});
