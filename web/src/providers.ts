// Monaco providers fed by the engine worker: refs by kind, resolved IPs and storage chains, go to
// definition across files, quick fixes. monaco-yaml keeps keys, enums and the schema.
import type * as Monaco from './monaco';
import type { EngineClient } from './engine-client';
import type { CodeActionResult, CompletionEntry, HoverResult, Location0, Range0 } from './protocol';

type M = typeof Monaco;
interface Host {
  openAt(path: string, line: number, column: number): void;
  pathOf(uri: Monaco.Uri): string;
  /** Applies an action that creates or deletes files (Monaco's standalone edits are text-only). */
  applyFileEdit(action: CodeActionResult): void;
}

const APPLY_FILE_EDIT = 'strata.applyFileEdit';

const toRange = (m: M, r: Range0) => new m.Range(r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1);
const at = (model: Monaco.editor.ITextModel, p: Monaco.Position) => model.getOffsetAt(p);

/** Asks the worker; a failed request answers nothing (the editor shows no hover, no items). */
type Ask = <T>(method: Parameters<EngineClient['request']>[0], params: unknown) => Promise<T | undefined>;

export function registerProviders(m: M, engine: EngineClient, host: Host): void {
  m.editor.registerCommand(APPLY_FILE_EDIT, (_accessor, action: CodeActionResult) => host.applyFileEdit(action));
  const ask: Ask = async <T>(method: Parameters<EngineClient['request']>[0], params: unknown) => {
    try {
      return await engine.request<T>(method, params);
    } catch {
      return undefined;
    }
  };
  registerHover(m, ask, host);
  registerCompletion(m, ask, host);
  registerDefinition(m, ask, host);
  registerCodeActions(m, ask, host);
  registerOpener(m, host);
}

function registerHover(m: M, ask: Ask, host: Host): void {
  m.languages.registerHoverProvider('yaml', {
    async provideHover(model, position) {
      const r = await ask<HoverResult | null>('hover', { path: host.pathOf(model.uri), offset: at(model, position) });
      if (!r) return null;
      return { contents: [{ value: r.markdown, isTrusted: false }], ...(r.range ? { range: toRange(m, r.range) } : {}) };
    },
  });
}

function registerCompletion(m: M, ask: Ask, host: Host): void {
  const kind = (k: CompletionEntry['kind']) =>
    k === 'ref'
      ? m.languages.CompletionItemKind.Reference
      : k === 'path'
        ? m.languages.CompletionItemKind.File
        : k === 'key'
          ? m.languages.CompletionItemKind.Property
          : m.languages.CompletionItemKind.Value;
  m.languages.registerCompletionItemProvider('yaml', {
    triggerCharacters: [' ', '-', '/'],
    async provideCompletionItems(model, position) {
      const items = (await ask<CompletionEntry[]>('completion', { path: host.pathOf(model.uri), offset: at(model, position) })) ?? [];
      return {
        suggestions: items.map((i) => ({
          label: i.label,
          kind: kind(i.kind),
          insertText: i.insertText,
          range: toRange(m, i.range),
          ...(i.detail ? { detail: i.detail } : {}),
          ...(i.documentation ? { documentation: { value: i.documentation } } : {}),
          ...(i.sortText ? { sortText: i.sortText } : {}),
        })),
      };
    },
  });
}

function registerDefinition(m: M, ask: Ask, host: Host): void {
  m.languages.registerDefinitionProvider('yaml', {
    async provideDefinition(model, position) {
      const locs = (await ask<Location0[]>('definition', { path: host.pathOf(model.uri), offset: at(model, position) })) ?? [];
      return locs.map((l) => ({ uri: m.Uri.parse(`file:///${l.file}`), range: toRange(m, l.range) }));
    },
  });
}

function registerCodeActions(m: M, ask: Ask, host: Host): void {
  m.languages.registerCodeActionProvider('yaml', {
    async provideCodeActions(model, range, context) {
      const offset = model.getOffsetAt(range.getStartPosition());
      // The engine's findings the editor shows here, as the language server is asked about them.
      const asked = context.markers
        .filter((mk) => mk.source === 'strata')
        .map((mk) => ({ code: typeof mk.code === 'string' ? mk.code : mk.code?.value, start: { line: mk.startLineNumber - 1, character: mk.startColumn - 1 } }));
      const actions = (await ask<CodeActionResult[]>('codeActions', { path: host.pathOf(model.uri), offset, asked })) ?? [];
      return { actions: actions.map((a) => toMonacoAction(m, a)), dispose() {} };
    },
  });
}

/** Text edits go to Monaco; an action that creates or deletes files runs through the page. */
function toMonacoAction(m: M, a: CodeActionResult): Monaco.languages.CodeAction {
  const base = { title: a.title, kind: a.kind, isPreferred: a.preferred ?? false };
  if (a.create?.length || a.delete?.length) return { ...base, command: { id: APPLY_FILE_EDIT, title: a.title, arguments: [a] } };
  return { ...base, edit: { edits: a.edits.map((e) => ({ resource: m.Uri.parse(`file:///${e.file}`), versionId: undefined, textEdit: { range: toRange(m, e.range), text: e.newText } })) } };
}

/** Go to definition across files: Monaco's standalone editor opens other models through this service. */
function registerOpener(m: M, host: Host): void {
  m.editor.registerEditorOpener({
    openCodeEditor(_source, resource, selection) {
      const line = selection && 'startLineNumber' in selection ? selection.startLineNumber : (selection?.lineNumber ?? 1);
      const column = selection && 'startColumn' in selection ? selection.startColumn : (selection?.column ?? 1);
      host.openAt(host.pathOf(resource), line, column);
      return true;
    },
  });
}
