import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { defaultConfig, type StrataConfig } from '../../server/src/core/config/strata-config';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { PlannedFile, Plan } from '../../server/src/core/output/plan';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../server/src/node/node-fs';
import { runPipeline } from '../../generators/pipeline';
import type { TopologyModel } from '../../server/src/core/model/model';

export const REPO = resolve(__dirname, '../../..');
export const TEST_VERSION = '0.0.0-test';

export function sampleDir(name: string): string {
  return resolve(REPO, 'test-fixtures', name);
}

export function loadModel(ws: Workspace): { model: TopologyModel; config: StrataConfig } {
  const analysis = analyze(ws, topologyDeclarations());
  if (!analysis.model) throw new Error('no model');
  return { model: analysis.model, config: analysis.config };
}

/** Runs every generator over a workspace (a sample folder or in-memory files) and returns the plan. */
export async function generate(source: string | Record<string, string>, config?: Partial<StrataConfig>): Promise<{ plan: Plan; files: Map<string, PlannedFile>; model: TopologyModel }> {
  const ws = new Workspace(typeof source === 'string' ? new NodeFileSystem(sampleDir(source)) : new MemoryFileSystem(source));
  const { model, config: loaded } = loadModel(ws);
  const plan = await runPipeline(model, { config: { ...defaultConfig(), ...loaded, ...config }, tool: 'strata', toolVersion: TEST_VERSION });
  const files = new Map(plan.runs.flatMap((r) => r.files).map((f) => [f.path, f]));
  return { plan, files, model };
}

export function content(files: Map<string, PlannedFile>, path: string): string {
  const f = files.get(path);
  if (!f) throw new Error(`not generated: ${path} (have ${[...files.keys()].join(', ')})`);
  return f.content;
}
