import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analysis';
import { defaultConfig } from '../../server/src/core/config/strata-config';
import { applyFix, fixesOf, type QuickFix } from '../../server/src/core/kubernetes/edits';
import { k8sCompletion, k8sDefinition, k8sReferences } from '../../server/src/core/kubernetes/features';
import { planNewService, type NewServiceOptions, type ScaffoldResult } from '../../server/src/core/kubernetes/scaffold';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { Diagnostic } from '../../server/src/core/types';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { parseFixture, type Expectation } from './fixture';
import { complete } from '../../server/src/core/features/completion';
import { definition } from '../../server/src/core/features/definition';
import { hover } from '../../server/src/core/features/hover';
import { references } from '../../server/src/core/features/references';
import { prepareRename, rename } from '../../server/src/core/features/rename';
import { LineIndex } from '../../server/src/core/text/line-index';
import type { Span } from '../../server/src/core/types';

/** The one place tests call the engine: analyse an in-memory workspace (topology and Kubernetes rules). */
export function analyzeFiles(files: Record<string, string | Uint8Array>, options: AnalyzeOptions = {}): { analysis: Analysis; ws: Workspace; fs: MemoryFileSystem } {
  const fs = new MemoryFileSystem(files);
  const ws = new Workspace(fs);
  return { analysis: analyze(ws, topologyDeclarations(), { kubernetes: true, ...options }), ws, fs };
}

/** `file:line:col-line:col` (1-based), how navigation results are compared. */
export function showSpan(files: Record<string, string>, s: Span): string {
  const idx = new LineIndex(files[s.file] ?? '');
  const a = idx.position(s.start);
  const b = idx.position(s.end);
  return `${s.file}:${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

/** Runs a Kubernetes navigation feature at the fixture's `$0` cursor. */
export function navigateFixture(text: string, feature: 'definition' | 'references'): string[];
export function navigateFixture(text: string, feature: 'completion'): string[] | undefined;
export function navigateFixture(text: string, feature: 'definition' | 'references' | 'completion'): string[] | undefined {
  const fx = parseFixture(text);
  if (!fx.cursor) throw new Error('fixture has no $0 cursor');
  const ws = new Workspace(new MemoryFileSystem(fx.files));
  const settings = defaultConfig();
  const { file, offset } = fx.cursor;
  if (feature === 'completion') return k8sCompletion(ws, settings, file, offset)?.items.map((i) => i.label);
  const spans = feature === 'definition' ? k8sDefinition(ws, settings, file, offset) : k8sReferences(ws, settings, file, offset);
  return spans.map((s) => showSpan(fx.files, s));
}

/** Applies a quick fix to a workspace's files and analyses the result. */
export function applyAndAnalyze(files: Record<string, string>, fix: QuickFix): { files: Record<string, string>; analysis: Analysis } {
  const next = applyFix(files, fix);
  return { files: next, analysis: analyzeFiles(next).analysis };
}

/** Plans a new Kubernetes service in a workspace holding `files`. */
export function scaffoldIn(files: Record<string, string>, options: NewServiceOptions): ScaffoldResult {
  return planNewService(new Workspace(new MemoryFileSystem(files)), defaultConfig(), options);
}

export { fixesOf };

function show(d: Diagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity}[${d.code}] ${d.message}`;
}

function matches(d: Diagnostic, e: Expectation, lineText: (file: string, line: number) => string): boolean {
  if (d.file !== e.file || d.code !== e.code || d.severity !== e.severity) return false;
  if (d.range.start.line !== e.line || d.range.start.character !== e.start) return false;
  if (d.range.end.line === e.line) {
    if (d.range.end.character !== e.end) return false;
  } else if (e.end < lineText(e.file, e.line).length) return false; // a multi-line range: carets run to the end of the line
  return e.message === undefined || d.message.includes(e.message);
}

/** Analyses a fixture and asserts its findings are exactly the annotated ones. */
export function checkFixture(text: string, options: AnalyzeOptions & { only?: (d: Diagnostic) => boolean } = {}): Analysis {
  const fx = parseFixture(text);
  const { analysis } = analyzeFiles(fx.files, options);
  const diags = analysis.diagnostics.filter(options.only ?? (() => true));
  const lineText = (file: string, line: number) => (fx.files[file] ?? '').split('\n')[line] ?? '';
  const unmatched = [...diags];
  const missing: Expectation[] = [];
  for (const e of fx.expectations) {
    const i = unmatched.findIndex((d) => matches(d, e, lineText));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(e);
  }
  if (missing.length || unmatched.length) {
    assert.fail(
      [
        ...missing.map((e) => `expected, not reported: ${e.file}:${e.line + 1}:${e.start + 1}-${e.end + 1} ${e.severity}[${e.code}]${e.message ? ` "${e.message}"` : ''}`),
        ...unmatched.map((d) => `reported, not expected: ${show(d)}`),
      ].join('\n'),
    );
  }
  return analysis;
}

// ---- cursor-based features -------------------------------------------------------------------

export type CursorFeature = 'completion' | 'hover' | 'definition' | 'references' | 'rename';

/**
 * Splits a feature fixture: the workspace (with `$0`), an optional `//- @arg` section (the new name
 * for rename), and the `//- @expect` section holding the expected rendering.
 */
export function splitFeatureFixture(text: string): { workspace: string; arg?: string; expect: string } {
  const sections = text.split(/^\/\/- (@\w+)[^\n]*\n/m);
  let workspace = sections[0]!;
  let arg: string | undefined;
  let expect = '';
  for (let i = 1; i < sections.length; i += 2) {
    const body = sections[i + 1] ?? '';
    if (sections[i] === '@arg') arg = body.trim();
    else if (sections[i] === '@expect') expect = body.replace(/\s+$/, '');
    else workspace += `//- ${sections[i]}\n${body}`;
  }
  return { workspace, ...(arg !== undefined ? { arg } : {}), expect };
}

/** Runs a cursor feature on a fixture and renders its result as stable text. */
export function renderAtCursor(feature: CursorFeature, text: string, arg?: string): string {
  const fx = parseFixture(text);
  if (!fx.cursor) throw new Error('feature fixtures need a $0 cursor');
  const { analysis, ws } = analyzeFiles(fx.files);
  const model = analysis.model;
  const { file, offset } = fx.cursor;
  const where = (s: Span) => {
    const t = fx.files[s.file] ?? '';
    const lines = new LineIndex(t);
    const p = lines.position(s.start);
    return `${s.file}:${p.line + 1}:${p.character + 1} ${JSON.stringify(t.slice(s.start, s.end))}`;
  };
  if (feature === 'completion') {
    const r = complete(model, ws, file, fx.files[file]!, offset);
    if (!r) return '(no completion)';
    return r.items.map((i) => [i.label, i.detail, i.description].filter(Boolean).join(' | ')).join('\n') + (r.incomplete ? '\n(incomplete)' : '');
  }
  if (!model) return '(no model)';
  if (feature === 'hover') {
    const h = hover(model, file, offset, (span, label) => `[${label}](${span.file}:${new LineIndex(fx.files[span.file] ?? '').position(span.start).line + 1})`);
    return h ? h.markdown : '(no hover)';
  }
  if (feature === 'definition') {
    const links = definition(model, file, offset);
    return links.length ? links.map((l) => where(l.selection)).join('\n') : '(no definition)';
  }
  if (feature === 'references') {
    const spans = references(model, file, offset, true);
    return spans.length ? spans.map(where).join('\n') : '(no references)';
  }
  const prep = prepareRename(model, file, offset);
  if (!prep) return '(cannot rename here)';
  if ('error' in prep) return `refused: ${prep.error}`;
  const r = rename(model, file, offset, arg ?? 'renamed');
  if (!r) return '(no rename)';
  if ('error' in r) return `refused: ${r.error}`;
  return r.edits.map((e) => `${where(e.span)} -> ${JSON.stringify(e.newText)}`).join('\n');
}

/** Asserts a feature fixture's rendering equals its `@expect` section (UPDATE_EXPECT=1 rewrites it). */
export function checkFeatureFixture(feature: CursorFeature, text: string, update?: (newText: string) => void): void {
  const { workspace, arg, expect } = splitFeatureFixture(text);
  const actual = renderAtCursor(feature, workspace, arg).replace(/\s+$/, '');
  if (actual !== expect && update && process.env.UPDATE_EXPECT) {
    const head = text.slice(0, text.search(/^\/\/- @expect/m) >= 0 ? text.search(/^\/\/- @expect/m) : text.length).replace(/\s*$/, '\n');
    update(`${head}//- @expect\n${actual}\n`);
    return;
  }
  assert.equal(actual, expect);
}
