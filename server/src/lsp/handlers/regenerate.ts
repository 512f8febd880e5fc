/** Regenerating from the live model: one run at a time, with progress, log lines, and the last run's changes kept for "Show changes". */
import { ErrorCodes, ResponseError, WorkDoneProgressReporter } from 'vscode-languageserver';
import { selectGenerators } from '../../../../generators/pipeline';
import { formatSummary, regenerate, type RegenerateResult } from '../../node/generate-service';
import { toRegenerateResult } from '../convert';
import type { GeneratedChange, RegenerateCommandResult } from '../../../../shared/protocol';
import type { DiskHost, HandlerContext } from './context';

export interface Regenerator {
  /** Regenerate (all, or `only`), writing to disk. */
  run(only: string[] | undefined, force: boolean, progress: WorkDoneProgressReporter | undefined): Promise<RegenerateCommandResult>;
  /** What the last run wrote, removed or left alone. */
  lastChanges(): GeneratedChange[];
  /** A progress reporter: the request's token, or one the server creates when the client supports it. */
  progressFor(given: WorkDoneProgressReporter | undefined): Promise<WorkDoneProgressReporter | undefined>;
}

export function needDisk(ctx: HandlerContext): DiskHost {
  if (!ctx.host.disk) throw new ResponseError(ErrorCodes.InvalidRequest, 'this server has no disk to write to');
  return ctx.host.disk;
}

export function regenerator(ctx: HandlerContext): Regenerator {
  let lastChanges: GeneratedChange[] = [];
  /** Runs one after another: two writers must never work on the output folder at once. */
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(only, force, progress) {
      const run = queue.then(async () => {
        const out = await regenerateNow(ctx, only, force, progress);
        lastChanges = out.changes;
        return out;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    lastChanges: () => lastChanges,
    async progressFor(given) {
      if (given && !WorkDoneProgressReporter.isNullInstance(given)) return given;
      if (!ctx.caps.window?.workDoneProgress) return undefined;
      return ctx.connection.window.createWorkDoneProgress().catch(() => undefined);
    },
  };
}

async function regenerateNow(ctx: HandlerContext, only: string[] | undefined, force: boolean, progress: WorkDoneProgressReporter | undefined): Promise<RegenerateCommandResult> {
  const disk = needDisk(ctx);
  const a = ctx.session.current();
  if (!a?.model) throw new ResponseError(ErrorCodes.InvalidRequest, `no ${a?.config.root ?? 'topology.yaml'} in the workspace; nothing to generate`);
  const { model, config } = a;
  const count = Math.max(1, selectGenerators(config, only).selected.length);
  let done = 0;
  progress?.begin('Strata: Regenerating', 0, only ? only.join(', ') : 'all generators', false);
  try {
    const result = await regenerate({
      workspace: disk.folder,
      model,
      config,
      toolVersion: disk.toolVersion,
      ...(only ? { only } : {}),
      mode: 'write',
      force,
      keepBefore: true,
      onRun: (r) => progress?.report(Math.round((++done / count) * 100), `${r.generator}: ${r.status}`),
    });
    const summary = formatSummary(result, { written: 'written', removed: 'removed' });
    logRun(ctx, result, summary);
    return toRegenerateResult(result, summary, ctx.uris, disk.folder);
  } finally {
    progress?.done();
  }
}

function logRun(ctx: HandlerContext, result: RegenerateResult, summary: string): void {
  const log = ctx.connection.console;
  for (const line of summary.trimEnd().split('\n')) log.log(`regenerate:${line}`);
  for (const d of result.diagnostics) log.log(`regenerate: ${d.span ? `${d.span.file}: ` : ''}${d.severity}[${d.rule}] ${d.generator}: ${d.message}`);
}

/** Regenerate on save (`strata.generate.onSave`), for files of the topology only. */
export function regenerateOnSave(ctx: HandlerContext, regen: Regenerator): void {
  ctx.documents.onDidSave(({ document }) => {
    const path = ctx.uris.toPath(document.uri);
    const model = ctx.host.regenerateOnSave && path !== undefined ? ctx.session.current()?.model : undefined;
    if (!model?.assembly.parsed.has(path!)) return;
    void (async () => {
      const settings = await ctx.host.settings();
      if (settings?.generate?.onSave !== true) return;
      const r = await regen.run(undefined, false, await regen.progressFor(undefined));
      ctx.connection.console.log(`regenerated on save of ${path}: ${r.message}`);
    })().catch((err: unknown) => ctx.connection.console.error(`regenerate on save failed: ${err instanceof Error ? err.message : String(err)}`));
  });
}
