import type * as Monaco from './monaco';
import type { EngineClient } from './engine-client';
import type { GeneratedFile } from './protocol';
import { writeZip } from './zip';

/** The Generate panel: runs the generators in the worker, previews each file read-only, offers a zip. */
export function renderGeneratePanel(el: HTMLElement, engine: EngineClient, m: typeof Monaco): void {
  const button = document.createElement('button');
  button.textContent = 'Generate';
  button.id = 'generate-run';
  const download = document.createElement('button');
  download.textContent = 'Download .zip';
  download.disabled = true;
  download.id = 'generate-download';
  const summary = document.createElement('span');
  summary.id = 'generate-summary';
  const list = document.createElement('ul');
  list.id = 'generate-files';
  const preview = document.createElement('div');
  preview.id = 'generate-preview';
  const bar = document.createElement('div');
  bar.append(button, download, summary);
  el.replaceChildren(bar, list, preview);
  let viewer: Monaco.editor.IStandaloneCodeEditor | undefined;
  let files: GeneratedFile[] = [];

  button.onclick = async () => {
    summary.textContent = 'Generating…';
    try {
      files = await engine.request<GeneratedFile[]>('generate', {});
    } catch (err) {
      summary.textContent = `Generation failed: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    summary.textContent = `${files.length} files`;
    download.disabled = files.length === 0;
    list.replaceChildren(
      ...files.map((f) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = '#';
        a.textContent = f.path;
        a.dataset.path = f.path;
        a.onclick = (ev) => {
          ev.preventDefault();
          const lang = f.path.endsWith('.tf') ? 'hcl' : f.path.endsWith('.md') ? 'markdown' : f.path.endsWith('.json') ? 'json' : 'yaml';
          viewer ??= m.editor.create(preview, { readOnly: true, automaticLayout: true, minimap: { enabled: false } });
          viewer.setModel(m.editor.createModel(f.content, lang));
          preview.dataset.path = f.path;
        };
        li.append(a);
        return li;
      }),
    );
  };
  download.onclick = () => {
    const blob = new Blob([writeZip(files.map((f) => ({ path: f.path, content: f.content }))) as BlobPart], { type: 'application/zip' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'strata-generated.zip';
    a.click();
    URL.revokeObjectURL(a.href);
  };
}
