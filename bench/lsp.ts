// Child process of the benchmark: the language server in-process with a real client, on a workspace
// on disk. Measures cold indexing, memory after indexing, request latencies and edit → publish.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionRequest, DefinitionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { NodeFileSystem } from '../server/src/node/node-fs';
import { DEFAULT_DEBOUNCE_MS } from '../shared/protocol';
import { inProcess, TestClient } from '../test/helpers/lsp-client';
import { median, percentile, runChild, timeRuns } from './stats';

const dir = process.argv[2]!;
const files = process.argv.slice(3);

async function main(): Promise<object> {
  const s = inProcess({}, DEFAULT_DEBOUNCE_MS, new NodeFileSystem(dir));
  const { client } = s;
  const t0 = performance.now();
  await client.initialize();
  const session = s.session();
  await new Promise<void>((done) => session.onAnalyzed(() => done()));
  const coldMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const entities = session.model?.entities.length ?? 0;

  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  for (const [i, f] of files.entries()) await client.open(f, texts[i]!);
  const req = (i: number, needle: string, delta: number) => {
    const k = i % files.length;
    return { textDocument: { uri: client.uri(files[k]!) }, position: TestClient.position(texts[k]!, needle, delta) };
  };
  // Warm-up (first calls build per-model caches), checking each request answers something real.
  const def = await client.connection.sendRequest(DefinitionRequest.type, req(0, 'target_ref: lxc-c', 14));
  const list = await client.connection.sendRequest(CompletionRequest.type, req(0, 'network_binding_ref: net-', 25));
  const hov = await client.connection.sendRequest(HoverRequest.type, req(0, 'service_ref: svc-s', 15));
  if (!Array.isArray(def) || def.length === 0 || !list || !('items' in list) || list.items.length === 0 || !hov) throw new Error('a measured request returned nothing');
  const completion = await timeRuns(200, (i) => client.connection.sendRequest(CompletionRequest.type, i % 2 ? req(i, 'network_binding_ref: net-', 25) : req(i, 'target_ref: lxc-c', 17)));
  const definition = await timeRuns(200, (i) => client.connection.sendRequest(DefinitionRequest.type, req(i, 'target_ref: lxc-c', 14)));
  const hover = await timeRuns(200, (i) => client.connection.sendRequest(HoverRequest.type, req(i, 'service_ref: svc-s', 15)));

  // Edit → diagnostics: break and restore a ref in turn, so each edit changes the file's findings.
  const edited = files[0]!;
  const ref = /target_ref: (lxc-c\d+)/.exec(texts[0]!)![1]!;
  const publish = await timeRuns(30, async (i) => {
    const next = client.nextPublish(edited);
    await (i % 2 === 0 ? client.edit(edited, `target_ref: ${ref}\n`, `target_ref: ${ref}-gone\n`) : client.edit(edited, `target_ref: ${ref}-gone\n`, `target_ref: ${ref}\n`));
    await next;
  });
  const analyses: number[] = [];
  session.onAnalyzed((_, ms) => analyses.push(ms));
  await timeRuns(10, async (i) => {
    const next = client.nextPublish(edited);
    await (i % 2 === 0 ? client.edit(edited, `target_ref: ${ref}\n`, `target_ref: ${ref}-gone\n`) : client.edit(edited, `target_ref: ${ref}-gone\n`, `target_ref: ${ref}\n`));
    await next;
  });
  await client.shutdown();
  s.dispose();
  const stat = (xs: number[]) => ({ median: median(xs), p95: percentile(xs, 0.95) });
  return {
    entities,
    coldMs,
    heapUsedMb: mem.heapUsed / 1048576,
    rssMb: mem.rss / 1048576,
    debounceMs: DEFAULT_DEBOUNCE_MS,
    completion: stat(completion),
    definition: stat(definition),
    hover: stat(hover),
    editToPublish: stat(publish),
    analysis: stat(analyses),
  };
}

runChild(main);
