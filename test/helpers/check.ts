import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analysis';
import { defaultConfig } from '../../server/src/core/config/strata-config';
import { kubernetesFindings } from '../../server/src/core/kubernetes/check';
import { applyFix, fixesOf, type QuickFix } from '../../server/src/core/kubernetes/edits';
import { k8sCompletion, k8sDefinition, k8sReferences } from '../../server/src/core/kubernetes/features';
import { planNewService, type NewServiceOptions, type ScaffoldResult } from '../../server/src/core/kubernetes/scaffold';
import { LineIndex } from '../../server/src/core/text/line-index';
import type { Span } from '../../server/src/core/types';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { Diagnostic } from '../../server/src/core/types';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { parseFixture, type Expectation } from './fixture';

/** The one place tests call the engine: analyse an in-memory workspace (topology and Kubernetes rules). */
export function analyzeFiles(files: Record<string, string | Uint8Array>, options: AnalyzeOptions = {}): { analysis: Analysis; ws: Workspace; fs: MemoryFileSystem } {
  const fs = new MemoryFileSystem(files);
  const ws = new Workspace(fs);
  return { analysis: analyze(ws, topologyDeclarations(), { extraFindings: kubernetesFindings, ...options }), ws, fs };
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
