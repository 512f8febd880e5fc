/**
 * "Regenerate": the one entry point the CLI and the language server call. It takes a model the
 * caller already loaded (the server's live model, or the CLI's one analysis), runs the pipeline
 * and hands the plan to the writer. Nothing here knows about LSP or argv.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { GeneratorDiagnostic, GeneratorRun, Plan, StrataConfig, TopologyModel } from '../core';
import { runPipeline } from '../../../generators/pipeline';
import { applyPlan, outputsIntact, readManifest, type FileChange, type WriteMode, type WriteReport } from './writer';

export const TOOL = 'strata';

export interface RegenerateParams {
  /** Absolute workspace folder. */
  workspace: string;
  model: TopologyModel;
  config: StrataConfig;
  toolVersion: string;
  only?: string[];
  /** Absolute output folder; default: `output` of .strata.yaml inside the workspace. */
  outDir?: string;
  mode?: WriteMode;
  force?: boolean;
  /** Keep the previous content of files written over or removed (`FileChange.before`). */
  keepBefore?: boolean;
  /** Called as each generator finishes planning, before anything is written. */
  onRun?: (run: GeneratorRun) => void;
}

export interface GeneratorSummary {
  generator: string;
  status: 'ran' | 'skipped' | 'failed';
  ms: number;
  written: number;
  unchanged: number;
  removed: number;
  blocked: number;
  warnings: number;
  error?: string;
}

export interface RegenerateResult {
  outDir: string;
  plan: Plan;
  report: WriteReport;
  summary: GeneratorSummary[];
  diagnostics: GeneratorDiagnostic[];
  totalMs: number;
}

export function outputFolder(params: Pick<RegenerateParams, 'workspace' | 'config' | 'outDir'>): string {
  return params.outDir ?? path.resolve(params.workspace, params.config.output);
}

export async function regenerate(params: RegenerateParams): Promise<RegenerateResult> {
  const t = performance.now();
  const outDir = outputFolder(params);
  const mode = params.mode ?? 'write';
  const plan = await runPipeline(params.model, {
    config: params.config,
    ...(params.only ? { only: params.only } : {}),
    tool: TOOL,
    toolVersion: params.toolVersion,
    previous: readManifest(outDir),
    outputsIntact: (_g, files) => outputsIntact(outDir, files),
    // --force means "rewrite what I edited": regenerate even when inputs are unchanged.
    noSkip: params.force === true,
    hash: (text) => createHash('sha256').update(text).digest('hex'),
    ...(params.onRun ? { onRun: params.onRun } : {}),
  });
  const report = applyPlan(plan, { outDir, mode, force: params.force === true, tool: TOOL, toolVersion: params.toolVersion, keepBefore: params.keepBefore === true });
  const summary = plan.runs.map((run): GeneratorSummary => {
    const mine = report.changes.filter((c) => c.generator === run.generator);
    const count = (f: (c: FileChange) => boolean) => mine.filter(f).length;
    return {
      generator: run.generator,
      status: run.status,
      ms: run.ms,
      written: count((c) => c.action === 'written'),
      unchanged: count((c) => c.status === 'unchanged' || c.status === 'kept'),
      removed: count((c) => c.action === 'removed'),
      blocked: count((c) => c.action === 'blocked'),
      warnings: run.diagnostics.filter((d) => d.severity !== 'info').length,
      ...(run.error ? { error: run.error } : {}),
    };
  });
  return { outDir, plan, report, summary, diagnostics: plan.runs.flatMap((r) => r.diagnostics), totalMs: performance.now() - t };
}

/** An output a regenerate would write or remove: missing, outdated, edited by hand, or no longer generated. */
export function isOutOfDate(c: FileChange): boolean {
  return c.status === 'new' || c.status === 'changed' || c.status === 'stale' || c.status === 'edited';
}

/** For the code lens: outputs that a regenerate would write or remove (a dry run, nothing touched). */
export async function staleOutputCount(params: Omit<RegenerateParams, 'mode' | 'onRun' | 'keepBefore'>): Promise<number> {
  const r = await regenerate({ ...params, mode: 'dry-run', force: false });
  return r.report.changes.filter(isOutOfDate).length;
}

/** The summary as text lines (CLI output, the editor's output channel). */
export function formatSummary(r: RegenerateResult, verb: { written: string; removed: string }): string {
  const lines = r.summary.map((s) => {
    if (s.status === 'failed') return `  ${s.generator.padEnd(20)} FAILED ${s.ms.toFixed(1)} ms: ${(s.error ?? '').split('\n')[0]}`;
    if (s.status === 'skipped') return `  ${s.generator.padEnd(20)} ${`${s.ms.toFixed(1)} ms`.padStart(9)}  inputs unchanged, ${s.unchanged} kept`;
    const parts = [`${s.written} ${verb.written}`, `${s.unchanged} unchanged`, `${s.removed} ${verb.removed}`];
    if (s.blocked) parts.push(`${s.blocked} blocked (edited by hand; --force to overwrite)`);
    if (s.warnings) parts.push(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`);
    return `  ${s.generator.padEnd(20)} ${`${s.ms.toFixed(1)} ms`.padStart(9)}  ${parts.join(', ')}`;
  });
  return `${lines.join('\n')}\n  total ${r.totalMs.toFixed(1)} ms -> ${r.outDir}\n`;
}
