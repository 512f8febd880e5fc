// The Strata engine in a web worker: the same core as the CLI and the language server, over an
// in-memory file system holding the opened workspace.
import { AnalysisHost, fileSchemaPointers, includeSites, MemoryFileSystem, topologyDeclarations, Workspace, type Analysis } from '../../server/src/core';
import type { Request, Response, Snapshot } from './protocol';
import { analyzeWorkspace, handlers } from './worker-features';

let fs = new MemoryFileSystem();
let ws = new Workspace(fs);
let host = new AnalysisHost(ws, topologyDeclarations());
let current: Analysis | undefined;

function reanalyze(): Analysis {
  current = analyzeWorkspace(host);
  return current;
}

function snapshot(): Snapshot {
  const current = reanalyze();
  const schemas: Snapshot['schemas'] = {};
  if (current.model) for (const [f, pointers] of fileSchemaPointers(current.model)) schemas[f] = { pointers, includes: includeSites(current.model, f) };
  return { diagnostics: current.diagnostics, files: current.files, schemas, entities: current.model?.entities.length ?? 0, root: current.config.root };
}

const base: Record<string, (params: never, ctx: never) => unknown> = {
  open(params: { files: Record<string, string> }) {
    fs = new MemoryFileSystem(params.files);
    ws = new Workspace(fs);
    host = new AnalysisHost(ws, topologyDeclarations());
    return snapshot();
  },
  update(params: { path: string; text: string }) {
    // The in-memory disk holds the buffers, so migrations (which read a FileSystem) see unsaved text too.
    fs.write(params.path, params.text);
    ws.invalidate(params.path);
    return snapshot();
  },
  /** Files created, changed or deleted by a multi-file edit the page applied. */
  files(params: { write: Record<string, string>; delete: string[] }) {
    for (const [p, t] of Object.entries(params.write)) {
      fs.write(p, t);
      ws.invalidate(p);
    }
    for (const p of params.delete) {
      fs.delete(p);
      ws.invalidate(p);
    }
    return snapshot();
  },
};

const scope = self as unknown as { onmessage: ((ev: MessageEvent<Request>) => void) | null; postMessage(message: Response): void };
scope.onmessage = async (ev: MessageEvent<Request>) => {
  const { id, method, params } = ev.data;
  let res: Response;
  try {
    const fn = base[method] ?? handlers[method];
    if (!fn) throw new Error(`unknown method ${method}`);
    res = { id, result: await fn(params as never, { ws, fs, analysis: () => current ?? reanalyze() } as never) };
  } catch (err) {
    res = { id, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(res);
};
