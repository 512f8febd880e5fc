import * as path from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { loadModel } from '../../server/src/core/migrations/runner';
import type { TopologyModel } from '../../server/src/core/model/model';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { readTree } from './workspace-files';

export const SAMPLES = path.join(__dirname, '../../../test-fixtures');

export function sampleFiles(name: string): Record<string, string> {
  return readTree(path.join(SAMPLES, name));
}

export function modelOf(files: Record<string, string>): TopologyModel {
  const m = loadModel(new Workspace(new MemoryFileSystem(files)), topologyDeclarations());
  if (!m) throw new Error('no topology.yaml');
  return m;
}

export function analysisOf(files: Record<string, string>): Analysis {
  return analyze(new Workspace(new MemoryFileSystem(files)), topologyDeclarations());
}
