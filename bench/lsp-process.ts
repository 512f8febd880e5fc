// Child process of the benchmark: the language server as an editor runs it (`node dist/cli.js lsp
// --stdio`, its own process), driven by a real client over stdio. Measures initialize → first
// publish, edit → publish in a big and a small file (each edit changes that file's findings),
// request latencies, and the server's peak and retained memory after 50 edits.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DefinitionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { DEFAULT_DEBOUNCE_MS } from '../shared/protocol';
import { overStdio, TestClient } from '../test/helpers/lsp-client';
import { percentile, runChild, timeRuns } from './stats';
import { refEdit } from './edits';

const [dir, big, small] = process.argv.slice(2) as [string, string, string];
const CLI = resolve(__dirname, '../../dist/cli.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A publish that does not come fails the run instead of hanging it. */
function within<T>(what: string, p: Promise<T>, ms = 120_000): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`no ${what} within ${ms / 1000} s`)))]);
}

/** VmHWM (peak) and VmRSS (now) of a process, in MB. */
function memory(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** CPU time (user + system) a process has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main(): Promise<object> {
  const rootUri = pathToFileURL(dir).href;
  const t0 = performance.now();
  const { client, child } = overStdio(process.execPath, [CLI, 'lsp', '--stdio'], rootUri);
  const first = client.nextAnyPublish().then(() => performance.now() - t0);
  await client.initialize();
  const firstPublishMs = await within('first publish', first, 600_000);
  const firstCpuMs = cpuMs(child.pid!);
  const initMem = memory(child.pid!);

  const texts = { big: readFileSync(join(dir, big), 'utf8'), small: readFileSync(join(dir, small), 'utf8') };
  await client.open(big, texts.big);
  await client.open(small, texts.small);
  await sleep(500);

  // Each edit toggles one ref between its target and a name nothing has: the file's findings change.
  const edits = { big: refEdit(texts.big), small: refEdit(texts.small) };
  const editTimes = { big: [] as number[], small: [] as number[] };
  const editCpu = { big: 0, small: 0 };
  let afterEdits = memory(child.pid!);
  // 52 edits, an even number in each file: the texts end as they began.
  for (let i = 0; i < 52; i++) {
    const which = i % 2 === 0 ? 'big' : 'small';
    const path = which === 'big' ? big : small;
    const [from, to] = edits[which].step();
    const next = client.nextPublish(path);
    const [t, c] = [performance.now(), cpuMs(child.pid!)];
    await client.edit(path, from, to);
    await within(`publish of ${path} after edit ${i}`, next);
    editTimes[which].push(performance.now() - t);
    editCpu[which] += cpuMs(child.pid!) - c;
    // Past the debounce: each edit is a single edit after a quiet moment, as typing one change is.
    await sleep(DEFAULT_DEBOUNCE_MS + 20);
    if (i === 49) afterEdits = memory(child.pid!);
  }

  const at = edits.big.position(texts.big);
  const pos = { textDocument: { uri: client.uri(big) }, position: TestClient.position(texts.big, at.needle, at.delta) };
  const completion = await timeRuns(60, () => client.connection.sendRequest(CompletionRequest.type, pos));
  const hover = await timeRuns(60, () => client.connection.sendRequest(HoverRequest.type, pos));
  const definition = await timeRuns(60, () => client.connection.sendRequest(DefinitionRequest.type, pos));
  await sleep(1000);
  const retained = memory(child.pid!);
  await client.shutdown();
  child.kill();
  const stat = (xs: number[]) => ({ p50: percentile(xs, 0.5), p95: percentile(xs, 0.95) });
  return {
    firstPublishMs,
    firstCpuMs,
    editBigCpuMs: editCpu.big / editTimes.big.length,
    editSmallCpuMs: editCpu.small / editTimes.small.length,
    initRssMb: initMem.rssMb,
    editBig: stat(editTimes.big),
    editSmall: stat(editTimes.small),
    completion: stat(completion),
    hover: stat(hover),
    definition: stat(definition),
    peakMb: afterEdits.peakMb,
    retainedMb: retained.rssMb,
  };
}

runChild(main);
