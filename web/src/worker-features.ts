// Editor features the worker serves to Monaco's providers: thin adapters over core/features.
import type { Analysis } from '../../server/src/core/analysis';
import type { Workspace } from '../../server/src/core/workspace/workspace';

export interface WorkerContext {
  ws: Workspace;
  analysis(): Analysis;
}

export const handlers: Record<string, (params: never, ctx: WorkerContext) => unknown> = {};
