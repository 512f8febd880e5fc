// Child process of the benchmark: regenerate-all in-process on one workspace. Measures the model
// load, a full first run (pipeline + writes), a warm full run (model loaded, no manifest), and a
// second run with nothing changed (every generator skipped).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/analysis';
import { topologyDeclarations } from '../server/src/core/model/topology-schema';
import { Workspace } from '../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../server/src/node/node-fs';
import { regenerate } from '../server/src/node/generate-service';
import { median, runChild, timeRuns } from './stats';

async function main(): Promise<object> {
  const dir = process.argv[2]!;
  const tmp = mkdtempSync(join(tmpdir(), 'strata-bench-gen-'));
  const t0 = performance.now();
  const analysis = analyze(new Workspace(new NodeFileSystem(dir)), topologyDeclarations());
  const loadMs = performance.now() - t0;
  const model = analysis.model!;
  const params = { workspace: dir, model, config: analysis.config, toolVersion: 'bench' };
  const t = performance.now();
  const first = await regenerate({ ...params, outDir: join(tmp, 'first') });
  const firstMs = performance.now() - t;
  const warm = await timeRuns(5, (i) => regenerate({ ...params, outDir: join(tmp, `warm-${i}`) }));
  const unchanged = await timeRuns(10, async () => {
    const r = await regenerate({ ...params, outDir: join(tmp, 'first') });
    if (r.summary.some((s) => s.status !== 'skipped')) throw new Error('second run did not skip');
  });
  rmSync(tmp, { recursive: true, force: true });
  return {
    entities: model.entities.length,
    files: first.report.changes.length,
    loadMs,
    firstRunMs: firstMs,
    coldTotalMs: loadMs + firstMs,
    warmRunMs: median(warm),
    unchangedRunMs: median(unchanged),
    perGenerator: Object.fromEntries(first.summary.map((s) => [s.generator, Number(s.ms.toFixed(1))])),
  };
}

runChild(main);
