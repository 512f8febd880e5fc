// Editor features the worker serves to Monaco's providers: thin adapters over core/features, the
// same functions the language server calls; only offsets become line/character ranges here.
import type { Analysis } from '../../server/src/core/analysis';
import { refUnknownFixes } from '../../server/src/core/features/code-actions';
import { complete } from '../../server/src/core/features/completion';
import { definition } from '../../server/src/core/features/definition';
import type { WorkspaceEdit } from '../../server/src/core/features/edits';
import { hover } from '../../server/src/core/features/hover';
import { nextFreeIpActions } from '../../server/src/core/features/next-free-ip';
import { LineIndex } from '../../server/src/core/text/line-index';
import type { Span } from '../../server/src/core/types';
import type { Workspace } from '../../server/src/core/workspace/workspace';
import type { FileSystem } from '../../server/src/core/workspace/file-system';
import { hasMigrationQuickFix, migrationQuickFixes } from '../../server/src/core/migrations/editor-actions';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { CodeActionResult, CompletionEntry, GeneratedFile, HoverResult, Location0, Range0, TextEdit0 } from './protocol';
import { runPipeline } from '../../generators/pipeline';
import { plannedFiles } from '../../server/src/core/output/plan';
import pkg from '../../package.json';

export interface WorkerContext {
  ws: Workspace;
  fs: FileSystem;
  analysis(): Analysis;
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
  const edits = (w: WorkspaceEdit): { edits: TextEdit0[]; create: { file: string; content: string }[] } => ({
    edits: w.edits.map((e) => ({ file: e.span.file, range: range(e.span), newText: e.newText })),
    create: w.creates.map((c) => ({ file: c.path, content: c.text })),
  });
  return { a, index, range, edits };
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
    const { a, range } = converter(ctx);
    if (!a.model) return null;
    // Links go to `file:line`; the page's editor opener follows file:/// links to the file.
    const h = hover(a.model, p.path, p.offset, (span, label) => `[${label}](file:///${span.file}#L${range(span).start.line + 1})`);
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

  codeActions(p: { path: string; start: number; end: number }, ctx: WorkerContext): CodeActionResult[] {
    const { a, index, edits } = converter(ctx);
    if (!a.model) return [];
    const a0 = () => a.model!;
    const out: CodeActionResult[] = [];
    const idx = index(p.path);
    for (const d of a.diagnostics) {
      if (d.file !== p.path) continue;
      const start = idx.offset(d.range.start);
      const end = idx.offset(d.range.end);
      if (end < p.start || start > p.end) continue;
      if (hasMigrationQuickFix(d.code)) {
        for (const m of migrationQuickFixes(ctx.fs, topologyDeclarations(), d)) {
          out.push({
            title: m.title,
            kind: 'quickfix',
            preferred: !m.workspace,
            edits: m.edit.changes.flatMap((c) => c.edits.map((e) => ({ file: c.file, range: e.range, newText: e.newText }))),
            create: m.edit.create.map((c) => ({ file: c.file, content: c.text })),
            delete: m.edit.delete,
          });
        }
      }
      if (d.code === 'ref-unknown') {
        for (const fix of refUnknownFixes(a.model, { file: d.file, start, end }, d.data)) {
          out.push({ title: fix.title, kind: 'quickfix', preferred: fix.preferred, ...edits(fix.edit) });
        }
      }
    }
    for (const a of nextFreeIpActions(a0(), p.path, p.start)) out.push({ title: a.title, kind: 'quickfix', ...edits({ edits: [a.edit], creates: [] }) });
    return out;
  },
};
