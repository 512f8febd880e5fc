// Child process of the benchmark: a one-shot cold check (`--one-shot`), or a cold check that records
// what rules read (the language server's first analysis), then re-checks after one-file edits of several kinds
// (each re-check given the previous analysis, as the language server does), then peak memory.
import { analyze } from '../server/src/core/analysis';
import { topologyDeclarations } from '../server/src/core/model/topology-schema';
import { Workspace } from '../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../server/src/node/node-fs';
import { median } from './stats';

const dir = process.argv[2]!;
if (process.argv[3] === '--one-shot') {
  // The CLI's check: one analysis, nothing recorded for a later one.
  const t = performance.now();
  const a = analyze(new Workspace(new NodeFileSystem(dir)), topologyDeclarations(), { oneShot: true });
  process.stdout.write(JSON.stringify({ coldMs: performance.now() - t, entities: a.model?.entities.length ?? 0, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const lxcFile = process.argv[3]!;
const serviceFile = process.argv[4]!;
const t0 = performance.now();
const ws = new Workspace(new NodeFileSystem(dir));
const first = analyze(ws, topologyDeclarations());
const cold = performance.now() - t0;
const coldPeakRssMb = process.resourceUsage().maxRSS / 1024;

/** Edit kinds: the text of edit `i` of the file, from its saved text. */
const kinds: Record<string, { file: string; edit: (text: string, i: number) => string }> = {
  description: { file: lxcFile, edit: (t, i) => t.replace('description:', `description: edit ${i}`) },
  comment: { file: lxcFile, edit: (t, i) => `# note ${i}\n${t}` },
  address: { file: lxcFile, edit: (t, i) => t.replace(/ip: (\d+\.\d+\.\d+)\.\d+/, `ip: $1.${250 + (i % 5)}`) },
  ref: { file: serviceFile, edit: (t, i) => t.replace(/target_ref: lxc-c(\d+)/, (_, n: string) => `target_ref: lxc-c${Number(n) + 1 + (i % 2)}`) },
};

let previous = first;
const rechecks: Record<string, { median: number; p95: number; reused: number; times: number[] }> = {};
for (const [name, { file, edit }] of Object.entries(kinds)) {
  const original = ws.readText(file).text!;
  const times: number[] = [];
  let reused = 0;
  for (let i = 0; i < 15; i++) {
    ws.setOverlay(file, edit(original, i));
    const t = performance.now();
    previous = analyze(ws, topologyDeclarations(), { previous });
    times.push(performance.now() - t);
    reused = previous.reused.length;
  }
  ws.clearOverlay(file);
  previous = analyze(ws, topologyDeclarations(), { previous });
  rechecks[name] = { median: median(times), p95: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!, reused, times };
}

const result = {
  entities: first.model?.entities.length ?? 0,
  files: first.files.length,
  errors: first.diagnostics.filter((d) => d.severity === 'error').length,
  coldMs: cold,
  rechecks,
  coldPeakRssMb,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  heapAfterMb: process.memoryUsage().heapUsed / 1048576,
  // What is still live after the re-checks (the peak above is mostly garbage not yet collected).
  liveAfterGcMb: liveHeapMb(),
  timings: first.timings,
};
process.stdout.write(JSON.stringify(result));

function liveHeapMb(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}
