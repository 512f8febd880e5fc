/** Code lenses: "N references" on entities, and on the root file "Regenerate all (N outputs stale)". */
import { COMMANDS, regenerateLensTitle } from '../../../../shared/commands';
import type { CodeLens } from 'vscode-languageserver';
import { referenceLenses, type TopologyModel } from '../../core';
import { staleOutputCount } from '../../node/generate-service';
import type { SpanConverter } from '../convert';
import type { HandlerContext } from './context';

export function registerCodeLens(ctx: HandlerContext): void {
  ctx.connection.onCodeLens(async ({ textDocument }) => {
    const c = ctx.at(textDocument.uri);
    if (!c) return null;
    const regenerate = await regenerateLens(ctx, c.path, c.model);
    return [...regenerate, ...referenceLensesOf(ctx, c.model, c.path, c.conv)];
  });
}

/** On the root file: "Regenerate all (N outputs stale)", a dry run of the pipeline over the live model. */
async function regenerateLens(ctx: HandlerContext, path: string, model: TopologyModel): Promise<CodeLens[]> {
  const config = ctx.session.current()?.config;
  const disk = ctx.host.disk;
  if (!disk || !config || path !== config.root) return [];
  const stale = await staleOutputCount({ workspace: disk.folder, model, config, toolVersion: disk.toolVersion });
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: regenerateLensTitle(stale), command: COMMANDS.regenerateAll, arguments: [] } }];
}

function referenceLensesOf(ctx: HandlerContext, model: TopologyModel, path: string, conv: SpanConverter): CodeLens[] {
  return referenceLenses(model, path).map((l) => {
    const range = conv.range(l.span);
    const title = `${l.count} reference${l.count === 1 ? '' : 's'}`;
    return { range, command: { title, command: COMMANDS.showReferences, arguments: [ctx.uris.toUri(l.span.file), range.start, l.references.map((s) => conv.location(s))] } };
  });
}
