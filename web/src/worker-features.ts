// Editor features the worker serves to Monaco's providers: thin adapters over core/features, the
// same functions the language server calls; only offsets become line/character ranges here.
import {
  codeActions,
  complete,
  definition,
  deployOrderReport,
  hover,
  LineIndex,
  plannedFiles,
  storageChainReport,
  topologyDeclarations,
  type Analysis,
  type AnalysisHost,
  type FileSystem,
  type FindingRef,
  type FixEdit,
  type Span,
  type Workspace,
  type WorkspaceEdit,
  type WorkspaceEditData,
} from '../../server/src/core';
import { BROWSER_COMMANDS, COMMANDS } from '../../shared/commands';
import type { CodeActionResult, CompletionEntry, GeneratedFile, HoverResult, Location0, Range0 } from './protocol';
import { runPipeline } from '../../generators/pipeline';
import pkg from '../../package.json';

export interface WorkerContext {
  ws: Workspace;
  fs: FileSystem;
  analysis(): Analysis;
}

/** The topology and the Kubernetes rule sets, as the language server and `strata check` run them. */
/** The browser checks what `strata check` checks: the topology and the Kubernetes rules. */
export function analyzeWorkspace(host: AnalysisHost): Analysis {
  return host.analyze({ kubernetes: true });
}

interface At {
  path: string;
  offset: number;
}

function converter(ctx: WorkerContext) {
  const a = ctx.analysis();
  const cache = new Map<string, LineIndex>();
  const index = (file: string) => {
    let i = cache.get(file);
    if (!i) {
      i = new LineIndex(a.model?.assembly.parsed.get(file)?.text ?? ctx.ws.readText(file).text ?? '');
      cache.set(file, i);
    }
    return i;
  };
  const range = (s: Span): Range0 => index(s.file).range(s.start, s.end);
  // Links go to `file:line`; the page's editor opener follows file:/// links to the file.
  const link = (span: Span, label: string) => `[${label}](file:///${span.file}#L${range(span).start.line + 1})`;
  const edits = (fix: FixEdit) => ('lines' in fix ? migrationEdits(fix.lines) : offsetEdits(fix.offsets, range));
  return { a, range, link, edits };
}

type PageEdits = Pick<CodeActionResult, 'edits' | 'create' | 'delete'>;

/** A migration's edit: its ranges are already on the texts the page holds. */
function migrationEdits(w: WorkspaceEditData): PageEdits {
  return {
    edits: w.changes.flatMap((c) => c.edits.map((e) => ({ file: c.file, range: e.range, newText: e.newText }))),
    create: w.create.map((c) => ({ file: c.file, content: c.text })),
    delete: w.delete,
  };
}

function offsetEdits(w: WorkspaceEdit & { deletes: string[] }, range: (s: Span) => Range0): PageEdits {
  return {
    edits: w.edits.map((e) => ({ file: e.span.file, range: range(e.span), newText: e.newText })),
    create: w.creates.map((c) => ({ file: c.path, content: c.text })),
    delete: w.deletes,
  };
}

export const handlers: Record<string, (params: never, ctx: WorkerContext) => unknown> = {
  /** Every enabled generator over the loaded model: the same pipeline as the CLI, nothing written. */
  async generate(_p: unknown, ctx: WorkerContext): Promise<GeneratedFile[]> {
    const a = ctx.analysis();
    if (!a.model) return [];
    const plan = await runPipeline(a.model, { config: a.config, tool: 'strata', toolVersion: pkg.version, noSkip: true });
    return plannedFiles(plan).sort((x, y) => (x.path < y.path ? -1 : 1));
  },

  hover(p: At, ctx: WorkerContext): HoverResult | null {
    const { a, range, link } = converter(ctx);
    if (!a.model) return null;
    const h = hover(a.model, p.path, p.offset, link);
    return h ? { markdown: h.markdown, range: range(h.span) } : null;
  },

  completion(p: At, ctx: WorkerContext): CompletionEntry[] {
    const { a } = converter(ctx);
    const text = ctx.ws.readText(p.path).text ?? '';
    const r = complete(a.model, ctx.ws, p.path, text, p.offset);
    if (!r) return [];
    const idx = new LineIndex(text);
    const replace = idx.range(r.replace.start, r.replace.end);
    return r.items.map((i) => ({
      label: i.label,
      insertText: i.insertText,
      range: replace,
      kind: i.kind === 'ref' ? 'ref' : i.kind === 'key' ? 'key' : i.kind === 'enum' ? 'value' : i.kind === 'address' ? 'address' : 'path',
      sortText: i.sortText,
      ...(i.detail || i.description ? { detail: [i.detail, i.description].filter(Boolean).join(' — ') } : {}),
      ...(i.documentation ? { documentation: i.documentation } : {}),
    }));
  },

  definition(p: At, ctx: WorkerContext): Location0[] {
    const { a, range } = converter(ctx);
    if (!a.model) return [];
    return definition(a.model, p.path, p.offset).map((l) => ({ file: l.target.file, range: range(l.selection) }));
  },

  /** The core's quick fixes for the markers asked about and the place, in the page's shapes. */
  codeActions(p: { path: string; offset: number; asked: FindingRef[] }, ctx: WorkerContext): CodeActionResult[] {
    const { a, edits } = converter(ctx);
    const fixes = codeActions(a, p.path, p.offset, p.asked, { fs: ctx.fs, declarations: topologyDeclarations(), creates: true, deletes: true, migrations: 'edits' });
    return fixes.flatMap((f) => (f.edit ? [{ title: f.title, kind: 'quickfix' as const, preferred: f.preferred, ...edits(f.edit) }] : []));
  },

  /** The commands of the table the browser offers (BROWSER_COMMANDS): the reports the language server returns. */
  command(p: At & { id: string }, ctx: WorkerContext): string {
    const { a, link } = converter(ctx);
    if (!BROWSER_COMMANDS.some((c) => c.id === p.id)) throw new Error(`the browser editor does not run ${p.id}`);
    if (!a.model) return '';
    return p.id === COMMANDS.showStorageChain ? storageChainReport(a.model, p.path, p.offset, link) : deployOrderReport(a.model);
  },
};
