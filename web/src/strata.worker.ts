// The Strata engine in a web worker: the same core as the CLI and the language server, over an
// in-memory file system holding the opened workspace.
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { fileSchemaPointers } from '../../server/src/core/features/file-schemas';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import type { Request, Response, Snapshot } from './protocol';
import { handlers } from './worker-features';

let fs = new MemoryFileSystem();
let ws = new Workspace(fs);
let current: Analysis | undefined;

function snapshot(): Snapshot {
  current = analyze(ws, topologyDeclarations());
  const schemas: Record<string, string[]> = {};
  if (current.model) for (const [f, p] of fileSchemaPointers(current.model)) schemas[f] = p;
  return { diagnostics: current.diagnostics, files: current.files, schemas, entities: current.model?.entities.length ?? 0 };
}

const base: Record<string, (params: never, ctx: never) => unknown> = {
  open(params: { files: Record<string, string> }) {
    fs = new MemoryFileSystem(params.files);
    ws = new Workspace(fs);
    return snapshot();
  },
  update(params: { path: string; text: string }) {
    ws.setOverlay(params.path, params.text);
    return snapshot();
  },
};

const scope = self as unknown as { onmessage: ((ev: MessageEvent<Request>) => void) | null; postMessage(message: Response): void };
scope.onmessage = (ev: MessageEvent<Request>) => {
  const { id, method, params } = ev.data;
  let res: Response;
  try {
    const fn = base[method] ?? handlers[method];
    if (!fn) throw new Error(`unknown method ${method}`);
    res = { id, result: fn(params as never, { ws, analysis: () => current ?? (snapshot(), current!) } as never) };
  } catch (err) {
    res = { id, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(res);
};
