// Monaco's editor core with every editor feature (edcore.main) and only the YAML language:
// monaco-yaml brings its own worker for the schema, Strata's worker does the rest.
import * as core from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
export * from 'monaco-editor/esm/vs/editor/editor.api.js';

interface LegacyWorkerOptions {
  worker?: unknown;
  label?: string;
  moduleId?: string;
  createData?: unknown;
  host?: unknown;
  keepIdleModels?: boolean;
}

// monaco-yaml's worker manager still creates workers the pre-0.54 way ({label, moduleId,
// createData}); editor.main.js translates that call, edcore.main does not, so translate it here.
const editorApi = (core as unknown as { editor: { createWebWorker(o: LegacyWorkerOptions): unknown } }).editor;
const createWebWorker = editorApi.createWebWorker.bind(editorApi);
editorApi.createWebWorker = (options: LegacyWorkerOptions) => {
  if (options.worker !== undefined) return createWebWorker(options);
  const env = (globalThis as unknown as { MonacoEnvironment: { getWorker(moduleId: string, label: string): Worker | Promise<Worker> } }).MonacoEnvironment;
  const worker = Promise.resolve(env.getWorker(options.moduleId ?? '', options.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore');
    w.postMessage(options.createData);
    return w;
  });
  return createWebWorker({ worker, host: options.host, keepIdleModels: options.keepIdleModels ?? false });
};
