import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { Diagnostic } from '../../server/src/core/types';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { parseFixture, type Expectation } from './fixture';

/** The one place tests call the engine: analyse an in-memory workspace. */
export function analyzeFiles(files: Record<string, string | Uint8Array>, options: AnalyzeOptions = {}): { analysis: Analysis; ws: Workspace; fs: MemoryFileSystem } {
  const fs = new MemoryFileSystem(files);
  const ws = new Workspace(fs);
  return { analysis: analyze(ws, topologyDeclarations(), options), ws, fs };
}

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
