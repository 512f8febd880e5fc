// Child process of the benchmark: cold check, then re-checks after one-file edits, then peak memory.
import { analyze } from '../server/src/core/analysis';
import { topologyDeclarations } from '../server/src/core/model/topology-schema';
import { Workspace } from '../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../server/src/node/node-fs';
import { median } from './stats';

const dir = process.argv[2]!;
const editFile = process.argv[3]!;
const t0 = performance.now();
const ws = new Workspace(new NodeFileSystem(dir));
const first = analyze(ws, topologyDeclarations());
const cold = performance.now() - t0;
const coldPeakRssMb = process.resourceUsage().maxRSS / 1024;
const original = ws.readText(editFile).text!;
const rechecks: number[] = [];
let previous = first;
for (let i = 0; i < 15; i++) {
  ws.setOverlay(editFile, original.replace('description:', `description: edit ${i}`));
  const t = performance.now();
  previous = analyze(ws, topologyDeclarations(), { previous });
  rechecks.push(performance.now() - t);
}
const result = {
  entities: first.model?.entities.length ?? 0,
  files: first.files.length,
  errors: first.diagnostics.filter((d) => d.severity === 'error').length,
  coldMs: cold,
  recheckMedianMs: median(rechecks),
  recheckP95Ms: [...rechecks].sort((a, b) => a - b)[Math.floor(rechecks.length * 0.95)]!,
  coldPeakRssMb,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  heapAfterMb: process.memoryUsage().heapUsed / 1048576,
  timings: first.timings,
};
process.stdout.write(JSON.stringify(result));
