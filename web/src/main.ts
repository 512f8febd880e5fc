// The browser editor: Monaco + monaco-yaml for YAML and the schema, the Strata engine in a worker
// for everything across files (findings, refs, IPs, storage chains, generators).
import * as monaco from './monaco';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import { fileSchema, topologySchema, type Diagnostic } from '../../server/src/core';
import { BROWSER_COMMANDS, titleOf } from '../../shared/commands';
import { EngineClient } from './engine-client';
import { renderFileTree } from './file-tree';
import { fromDrop, fromFileList, type Files } from './open-workspace';
import { renderProblems } from './problems-panel';
import type { CodeActionResult, Snapshot } from './protocol';
import { registerProviders } from './providers';
import { renderGeneratePanel } from './generate-panel';

declare global {
  interface Window {
    /** For tests and the console: the editor, the last analysis, the markers of the open file. */
    strata: { ready: Promise<void>; snapshot?: Snapshot; editor?: monaco.editor.IStandaloneCodeEditor; open(path: string): void; markers(): monaco.editor.IMarker[] };
  }
}

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => new Worker(label === 'yaml' ? 'yaml.worker.js' : 'editor.worker.js'),
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const engine = new EngineClient('strata.worker.js');
const uriOf = (path: string) => monaco.Uri.parse(`file:///${path}`);
const pathOf = (uri: monaco.Uri) => uri.path.replace(/^\//, '');

const yaml = configureMonacoYaml(monaco as never, {
  enableSchemaRequest: false,
  customTags: ['!include scalar', '!include_dir_sorted scalar'],
  schemas: [],
});

const editor = monaco.editor.create($('editor'), { automaticLayout: true, theme: 'vs', minimap: { enabled: false }, glyphMargin: true });
let files: Files = {};
let schemaKey = '';

function severity(s: Diagnostic['severity']): monaco.MarkerSeverity {
  return s === 'error' ? monaco.MarkerSeverity.Error : s === 'warning' ? monaco.MarkerSeverity.Warning : s === 'info' ? monaco.MarkerSeverity.Info : monaco.MarkerSeverity.Hint;
}

function apply(s: Snapshot): void {
  window.strata.snapshot = s;
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of s.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  for (const model of monaco.editor.getModels()) {
    const list = byFile.get(pathOf(model.uri)) ?? [];
    monaco.editor.setModelMarkers(
      model,
      'strata',
      list.map((d) => ({
        severity: severity(d.severity),
        message: d.message,
        code: { value: d.code, target: monaco.Uri.parse(`https://github.com/strata-tools/strata/blob/main/docs/rules/${d.code}.md`) },
        source: 'strata',
        ...(d.tags?.length ? { tags: d.tags.map(() => monaco.MarkerTag.Deprecated) } : {}),
        startLineNumber: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLineNumber: d.range.end.line + 1,
        endColumn: Math.max(d.range.end.character + 1, d.range.start.line === d.range.end.line ? d.range.start.character + 2 : 1),
      })),
    );
  }
  renderProblems($('problems'), s.diagnostics, (d) => openAt(d.file, d.range.start.line + 1, d.range.start.character + 1));
  const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = s.diagnostics.filter((d) => d.severity === 'warning').length;
  $('problems-tab').textContent = `Problems (${errors} errors, ${warnings} warnings)`;
  $('status').textContent = `${s.files.length} files, ${s.entities} entities`;
  renderFileTree($('tree'), Object.keys(files), new Set(s.files), new Map([...byFile].map(([f, l]) => [f, l.length])), (p) => openAt(p, 1, 1));
  // Each file is validated by monaco-yaml against the sub-schema at its place in the topology.
  const key = JSON.stringify(s.schemas);
  if (key !== schemaKey) {
    schemaKey = key;
    const schemas: SchemasSettings[] = Object.entries(s.schemas).map(([file, { pointers, includes }]) => ({
      uri: `strata://schema/${file}`,
      fileMatch: [uriOf(file).toString()],
      schema: fileSchema(topologySchema, pointers, includes) as SchemasSettings['schema'],
    }));
    yaml.update({ schemas, customTags: ['!include scalar', '!include_dir_sorted scalar'], enableSchemaRequest: false });
  }
}

function openAt(path: string, line: number, column: number): void {
  const model = monaco.editor.getModel(uriOf(path));
  if (!model) return;
  editor.setModel(model);
  editor.setPosition({ lineNumber: line, column });
  editor.revealPositionInCenter({ lineNumber: line, column });
  editor.focus();
  $('current-file').textContent = path;
  for (const a of document.querySelectorAll<HTMLElement>('#tree a')) a.classList.toggle('current', a.dataset.path === path);
}

let pending: ReturnType<typeof setTimeout> | undefined;
function addModel(p: string, text: string): void {
  if (!/\.ya?ml$/i.test(p)) return;
  const model = monaco.editor.createModel(text, 'yaml', uriOf(p));
  model.onDidChangeContent(() => {
    files[p] = model.getValue();
    // Re-analysis waits for a pause in typing (150 ms), then runs in the worker.
    clearTimeout(pending);
    pending = setTimeout(() => void engine.update(p, files[p]!).then(apply), 150);
  });
}

/** A quick fix that creates or deletes files (a migration, "Create <kind>"): applied here, then analysed once. */
async function applyFileEdit(action: CodeActionResult): Promise<void> {
  const write: Record<string, string> = {};
  for (const c of action.create ?? []) {
    files[c.file] = c.content;
    write[c.file] = c.content;
    if (!monaco.editor.getModel(uriOf(c.file))) addModel(c.file, c.content);
  }
  const byFile = new Map<string, CodeActionResult['edits']>();
  for (const e of action.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const model = monaco.editor.getModel(uriOf(file));
    if (!model) continue;
    model.pushEditOperations(
      [],
      edits.map((e) => ({ range: new monaco.Range(e.range.start.line + 1, e.range.start.character + 1, e.range.end.line + 1, e.range.end.character + 1), text: e.newText })),
      () => null,
    );
    write[file] = files[file] = model.getValue();
  }
  for (const d of action.delete ?? []) {
    delete files[d];
    monaco.editor.getModel(uriOf(d))?.dispose();
  }
  clearTimeout(pending);
  apply(await engine.request<Snapshot>('files', { write, delete: action.delete ?? [] }));
}

async function load(next: Files, label: string): Promise<void> {
  files = next;
  for (const m of monaco.editor.getModels()) m.dispose();
  for (const [p, text] of Object.entries(files)) addModel(p, text);
  $('workspace-name').textContent = label;
  const select = $<HTMLSelectElement>('sample');
  if ([...select.options].some((o) => o.value === label)) select.value = label;
  const s = await engine.open(files);
  apply(s);
  openAt(files[s.root] !== undefined ? s.root : (Object.keys(files).sort()[0] ?? ''), 1, 1);
}

async function loadSample(name: string): Promise<void> {
  const res = await fetch(`samples/${name}.json`);
  await load((await res.json()) as Files, name);
}

/** A command of the table the browser offers, run at the cursor; its report opens in the Report panel. */
async function runCommand(id: string): Promise<void> {
  const model = editor.getModel();
  const position = editor.getPosition();
  const at = model && position ? { path: pathOf(model.uri), offset: model.getOffsetAt(position) } : { path: '', offset: 0 };
  const report = await engine.request<string>('command', { id, ...at });
  $('report').textContent = report || `${titleOf(id)}: nothing to show at the cursor.`;
  $('report-tab').click();
}

registerProviders(monaco, engine, { openAt, pathOf, applyFileEdit: (a) => void applyFileEdit(a) });
for (const c of BROWSER_COMMANDS) editor.addAction({ id: c.id, label: titleOf(c.id), contextMenuGroupId: 'strata', run: () => runCommand(c.id) });
renderGeneratePanel($('generate'), engine, monaco);

$<HTMLSelectElement>('sample').onchange = (ev) => void loadSample((ev.target as HTMLSelectElement).value);
for (const id of ['folder', 'zip']) {
  $<HTMLInputElement>(id).onchange = async (ev) => {
    const list = (ev.target as HTMLInputElement).files;
    if (list?.length) await load(await fromFileList(list), list[0]!.webkitRelativePath.split('/')[0] || list[0]!.name);
  };
}
document.body.addEventListener('dragover', (ev) => ev.preventDefault());
document.body.addEventListener('drop', async (ev) => {
  ev.preventDefault();
  if (ev.dataTransfer) await load(await fromDrop(ev.dataTransfer), 'dropped workspace');
});
for (const tab of document.querySelectorAll<HTMLElement>('[data-tab]')) {
  tab.onclick = () => {
    for (const t of document.querySelectorAll<HTMLElement>('[data-tab]')) t.classList.toggle('active', t === tab);
    for (const p of document.querySelectorAll<HTMLElement>('.panel')) p.hidden = p.id !== tab.dataset.tab;
  };
}

window.strata = {
  ready: loadSample(new URLSearchParams(location.search).get('sample') ?? 'sample-v4'),
  editor,
  open: (p) => openAt(p, 1, 1),
  markers: () => (editor.getModel() ? monaco.editor.getModelMarkers({ resource: editor.getModel()!.uri }) : []),
};
