/**
 * The one place where core data (workspace paths, offsets, plain results) and LSP types meet:
 * URIs ↔ paths, offsets ↔ positions, and each feature's result → its protocol shape.
 */
import {
  docsUrl,
  LineIndex,
  type CompletionKind,
  type CompletionResult,
  type Diagnostic as CoreDiagnostic,
  type WorkspaceEdit as CoreEdit,
  type DefinitionLink,
  type Fold,
  type K8sCompletion,
  type NewServiceOptions,
  type OutlineSymbol,
  type PlannedFile,
  type Span,
  type WorkspaceEditData,
} from '../core';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  FoldingRangeKind,
  SymbolKind,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Location,
  type LocationLink,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RegenerateResult } from '../node/generate-service';
import type { GeneratedChange, NewServiceCommandResult, RegenerateCommandResult } from '../../../shared/protocol';

/** Maps URIs under the workspace root to workspace-relative POSIX paths, and back. */
export class UriMapper {
  private readonly root: string;
  private readonly rootUri: string;
  /** URIs exactly as the client sent them, so what we send back matches what it holds. */
  private readonly seen = new Map<string, string>();

  constructor(rootUri: string) {
    this.rootUri = rootUri.replace(/\/+$/, '');
    this.root = canonical(this.rootUri);
  }

  toPath(uri: string): string | undefined {
    const c = canonical(uri);
    if (!c.startsWith(`${this.root}/`)) return undefined;
    const path = c.slice(this.root.length + 1);
    if (!this.seen.has(path)) this.seen.set(path, uri);
    return path;
  }

  toUri(path: string): string {
    return this.seen.get(path) ?? `${this.rootUri}/${path.split('/').map(encodeURIComponent).join('/')}`;
  }
}

/** A URI decoded, with a Windows drive letter lower-cased, for comparison. */
function canonical(uri: string): string {
  let s: string;
  try {
    s = decodeURIComponent(uri);
  } catch {
    s = uri;
  }
  return s.replace(/^file:\/\/\/([A-Za-z]):/, (_, d: string) => `file:///${d.toLowerCase()}:`);
}

/** Line indexes per file, rebuilt only when the file's text changes. */
export class LineIndexes {
  private readonly cache = new Map<string, { text: string; index: LineIndex }>();

  get(path: string, text: string): LineIndex {
    const hit = this.cache.get(path);
    if (hit && hit.text === text) return hit.index;
    const index = new LineIndex(text);
    this.cache.set(path, { text, index });
    return index;
  }
}

/** Converts spans of a known set of texts (the analysed ones) into protocol locations. */
export class SpanConverter {
  constructor(
    readonly uris: UriMapper,
    private readonly lines: LineIndexes,
    private readonly textOf: (path: string) => string | undefined,
  ) {}

  index(path: string): LineIndex {
    return this.lines.get(path, this.textOf(path) ?? '');
  }

  range(span: Span): Range {
    return this.index(span.file).range(span.start, span.end);
  }

  location(span: Span): Location {
    return { uri: this.uris.toUri(span.file), range: this.range(span) };
  }

  definition(links: DefinitionLink[], linkSupport: boolean): Location[] | LocationLink[] {
    if (!linkSupport) return links.map((l) => this.location(l.selection));
    return links.map((l) => ({
      originSelectionRange: this.range(l.origin),
      targetUri: this.uris.toUri(l.target.file),
      targetRange: this.range(l.target),
      targetSelectionRange: this.range(l.selection),
    }));
  }

  /** Markdown link to a span: a file URI with a `#L<line>` fragment, which editors open at that line. */
  markdownLink(span: Span, label: string): string {
    const line = this.index(span.file).position(span.start).line + 1;
    return `[${label.replace(/[[\]]/g, '\\$&')}](${this.uris.toUri(span.file)}#L${line})`;
  }

  /** Text edits, created files and (Kubernetes renames) deleted files; resource operations need `documentChanges`. */
  workspaceEdit(edit: CoreEdit & { deletes?: string[] }, documentChanges: boolean): WorkspaceEdit {
    const byFile = new Map<string, TextEdit[]>();
    for (const e of edit.edits) {
      let list = byFile.get(e.span.file);
      if (!list) byFile.set(e.span.file, (list = []));
      list.push({ range: this.range(e.span), newText: e.newText });
    }
    if (!documentChanges) {
      return { changes: Object.fromEntries([...byFile].map(([file, edits]) => [this.uris.toUri(file), edits])) };
    }
    const created = edit.creates.flatMap((c) => {
      const uri = this.uris.toUri(c.path);
      return [
        { kind: 'create' as const, uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] },
      ];
    });
    const deleted = (edit.deletes ?? []).map((path) => ({ kind: 'delete' as const, uri: this.uris.toUri(path), options: { ignoreIfNotExists: true } }));
    return { documentChanges: [...created, ...[...byFile].map(([file, edits]) => ({ textDocument: { uri: this.uris.toUri(file), version: null }, edits })), ...deleted] };
  }

  /**
   * A migration's edit (ranges already on the editor's texts). With `annotation`, every change asks
   * for confirmation, so VS Code opens its refactor preview before applying.
   */
  migrationEdit(edit: WorkspaceEditData, documentChanges: boolean, annotation?: string): WorkspaceEdit {
    const a = annotation ? { annotationId: 'migration' } : {};
    const changeAnnotations = annotation ? { changeAnnotations: { migration: { label: annotation, needsConfirmation: true } } } : {};
    if (!documentChanges) {
      return { changes: Object.fromEntries(edit.changes.map((c) => [this.uris.toUri(c.file), c.edits.map((e) => ({ range: e.range, newText: e.newText }))])) };
    }
    const start = { line: 0, character: 0 };
    return {
      documentChanges: [
        ...edit.create.flatMap((c) => {
          const uri = this.uris.toUri(c.file);
          return [
            { kind: 'create' as const, uri, options: { ignoreIfExists: false }, ...a },
            { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: c.text, ...a }] },
          ];
        }),
        ...edit.changes.map((c) => ({ textDocument: { uri: this.uris.toUri(c.file), version: null }, edits: c.edits.map((e) => ({ range: e.range, newText: e.newText, ...a })) })),
        ...edit.delete.map((file) => ({ kind: 'delete' as const, uri: this.uris.toUri(file), options: { ignoreIfNotExists: true }, ...a })),
      ],
      ...changeAnnotations,
    };
  }

  documentSymbol(s: OutlineSymbol): DocumentSymbol {
    const range = this.range(s.span);
    const sel = this.range(s.selection);
    return { name: s.name, ...(s.detail ? { detail: s.detail } : {}), kind: symbolKind(s.kind), range, selectionRange: within(sel, range), children: s.children.map((c) => this.documentSymbol(c)) };
  }
}

/** The selection range must lie inside the full range (a client rejects the symbol otherwise). */
function within(sel: Range, range: Range): Range {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  return before(sel.start, range.start) || before(range.end, sel.end) ? { start: range.start, end: range.start } : sel;
}

export function symbolKind(kind: string): SymbolKind {
  switch (kind) {
    case 'collection':
      return SymbolKind.Namespace;
    case 'device':
    case 'media':
      return SymbolKind.Class;
    case 'interface':
    case 'storage_slot':
    case 'volume':
      return SymbolKind.Field;
    case 'network':
    case 'bridge':
    case 'ipv6_network':
    case 'data_link':
    case 'power_link':
      return SymbolKind.Interface;
    case 'service':
    case 'external_service':
      return SymbolKind.Function;
    case 'lxc':
    case 'vm':
    case 'host_os':
      return SymbolKind.Module;
    case 'trust_zone':
    case 'security_policy':
    case 'firewall_policy':
    case 'firewall_template':
      return SymbolKind.Enum;
    default:
      return SymbolKind.Object;
  }
}

const SEVERITY: Record<CoreDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(d: CoreDiagnostic, uris: UriMapper): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: 'strata',
    message: d.message,
    ...(d.tags?.length ? { tags: d.tags.map(() => DiagnosticTag.Deprecated) } : {}),
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: uris.toUri(r.file), range: r.range }, message: r.message })) } : {}),
    ...(d.data ? { data: d.data } : {}),
  };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  ref: CompletionItemKind.Reference,
  key: CompletionItemKind.Property,
  enum: CompletionItemKind.EnumMember,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  address: CompletionItemKind.Value,
};

export function toCompletionList(r: CompletionResult, lines: LineIndex): CompletionList {
  const range = lines.range(r.replace.start, r.replace.end);
  const items: CompletionItem[] = r.items.map((i) => ({
    label: i.label,
    kind: COMPLETION_KIND[i.kind],
    ...(i.detail || i.description ? { labelDetails: { ...(i.description ? { description: i.description } : {}) } } : {}),
    ...(i.detail ? { detail: i.detail } : {}),
    ...(i.documentation ? { documentation: { kind: 'markdown', value: i.documentation } } : {}),
    sortText: i.sortText,
    filterText: i.label,
    textEdit: { range, newText: i.insertText },
  }));
  return { isIncomplete: r.incomplete, items };
}

export function toFoldingRange(f: Fold): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region };
}

/** Manifest references: the names a value may take, replacing the value under the cursor. */
export function toK8sCompletionList(r: K8sCompletion, lines: LineIndex): CompletionList {
  const range = lines.range(r.replace.start, r.replace.end);
  return {
    isIncomplete: false,
    items: r.items.map((i, n) => ({
      label: i.label,
      kind: CompletionItemKind.Reference,
      detail: i.detail,
      sortText: String(n).padStart(4, '0'),
      filterText: i.label,
      textEdit: { range, newText: i.label },
    })),
  };
}

/** A file on disk (an absolute path) as a URI: through the workspace's mapping when it lies inside. */
export function diskUri(uris: UriMapper, folder: string, abs: string): string {
  const rel = relative(folder, abs);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return uris.toUri(rel.split(sep).join('/'));
  return pathToFileURL(abs).href;
}

/** A regenerate run as the command's plain result: a summary line, per-generator counts and the changed files. */
export function toRegenerateResult(r: RegenerateResult, text: string, uris: UriMapper, folder: string): RegenerateCommandResult {
  const total = (k: 'written' | 'unchanged' | 'removed' | 'blocked') => r.summary.reduce((n, s) => n + s[k], 0);
  const failed = r.summary.filter((s) => s.status === 'failed').map((s) => s.generator);
  const parts = [`${total('written')} written`, `${total('unchanged')} unchanged`, `${total('removed')} removed`];
  if (total('blocked')) parts.push(`${total('blocked')} blocked (edited by hand)`);
  const message = `Regenerated ${r.summary.length} generator${r.summary.length === 1 ? '' : 's'}: ${parts.join(', ')}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`;
  const changes: GeneratedChange[] = r.report.changes
    .filter((c): c is typeof c & { action: GeneratedChange['action'] } => c.action !== 'none')
    .map((c) => ({
      uri: diskUri(uris, folder, `${r.outDir}${sep}${c.path.split('/').join(sep)}`),
      generator: c.generator,
      action: c.action,
      status: c.status,
      ...(c.before !== undefined ? { before: c.before } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
    }));
  return {
    message,
    summary: r.summary.map((s) => ({
      generator: s.generator,
      status: s.status,
      ms: s.ms,
      written: s.written,
      unchanged: s.unchanged,
      removed: s.removed,
      blocked: s.blocked,
      warnings: s.warnings,
      ...(s.error ? { error: s.error } : {}),
    })),
    text,
    totalMs: r.totalMs,
    outDir: diskUri(uris, folder, r.outDir),
    changes,
    notes: r.diagnostics.map((d) => ({ generator: d.generator, rule: d.rule, severity: d.severity, message: d.message, ...(d.span ? { uri: uris.toUri(d.span.file) } : {}) })),
  };
}

/** The planned or written files of a new Kubernetes service (workspace-relative paths). */
export function toNewServiceResult(files: PlannedFile[], notes: string[], dryRun: boolean, uris: UriMapper): NewServiceCommandResult {
  return { ok: true, dryRun, files: files.map((f) => ({ uri: uris.toUri(f.path), path: f.path, content: f.content })), notes };
}

/** The command's argument, checked field by field (a client sends JSON). */
export function toNewServiceOptions(arg: unknown): (NewServiceOptions & { dryRun: boolean }) | string {
  if (!arg || typeof arg !== 'object') return 'expects one argument: { name, exposed?, storage?, metrics?, secrets?, image?, port?, domain?, dryRun? }';
  const a = arg as Record<string, unknown>;
  if (typeof a.name !== 'string') return "'name' must be a string";
  for (const k of ['storage', 'image', 'domain']) if (a[k] !== undefined && typeof a[k] !== 'string') return `'${k}' must be a string`;
  for (const k of ['exposed', 'metrics', 'secrets', 'dryRun']) if (a[k] !== undefined && typeof a[k] !== 'boolean') return `'${k}' must be true or false`;
  if (a.port !== undefined && typeof a.port !== 'number') return "'port' must be a number";
  return {
    name: a.name,
    exposed: a.exposed === true,
    metrics: a.metrics === true,
    secrets: a.secrets === true,
    dryRun: a.dryRun === true,
    ...(typeof a.storage === 'string' ? { storage: a.storage } : {}),
    ...(typeof a.image === 'string' ? { image: a.image } : {}),
    ...(typeof a.port === 'number' ? { port: a.port } : {}),
    ...(typeof a.domain === 'string' ? { domain: a.domain } : {}),
  };
}
