/** workspace/executeCommand: the generators' commands, the Kubernetes scaffold, the editor commands and "Show references". */
import { GENERATOR_NAMES, planNewService } from '../../core';
import { COMMANDS } from '../../../../shared/commands';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { staleOutputCount } from '../../node/generate-service';
import { writeScaffold } from '../../node/scaffold-service';
import { toNewServiceOptions, toNewServiceResult } from '../convert';
import { runEditorCommand, type CommandContext } from '../editor-commands';
import type { NewServiceCommandResult } from '../../../../shared/protocol';
import type { HandlerContext } from './context';
import { needDisk, regenerateOnSave, regenerator } from './regenerate';

export function registerCommands(ctx: HandlerContext, editor: CommandContext): void {
  const generatorOf = new Map<string, string>(GENERATOR_NAMES.map((g) => [COMMANDS.regenerate[g], g]));
  const regen = regenerator(ctx);
  ctx.connection.onExecuteCommand(async ({ command, arguments: args }, _token, workDone) => {
    if (command === COMMANDS.showReferences) return args?.[2] ?? [];
    if (command === COMMANDS.regenerateAll || generatorOf.has(command)) {
      needDisk(ctx);
      const only = generatorOf.has(command) ? [generatorOf.get(command)!] : undefined;
      const force = (args?.[0] as { force?: unknown } | undefined)?.force === true;
      return regen.run(only, force, await regen.progressFor(workDone));
    }
    if (command === COMMANDS.showGeneratedChanges) return regen.lastChanges();
    if (command === COMMANDS.generatedStaleCount) return staleCount(ctx);
    if (command === COMMANDS.newKubernetesService) return newKubernetesService(ctx, command, args?.[0]);
    const result = await runEditorCommand(command, args, editor);
    if (result !== undefined) return result;
    throw new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${command}`);
  });
  regenerateOnSave(ctx, regen);
}

async function staleCount(ctx: HandlerContext): Promise<number> {
  const disk = needDisk(ctx);
  const a = ctx.session.current();
  return a?.model ? staleOutputCount({ workspace: disk.folder, model: a.model, config: a.config, toolVersion: disk.toolVersion }) : 0;
}

/** `strata.k8s.newService`: plans the service's files and writes them (or, with `dryRun`, only returns them). */
function newKubernetesService(ctx: HandlerContext, command: string, arg: unknown): NewServiceCommandResult {
  const disk = needDisk(ctx);
  const options = toNewServiceOptions(arg);
  if (typeof options === 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${command}: ${options}`);
  const config = ctx.session.current()?.config;
  const planned = config && planNewService(ctx.session.ws, config, options);
  if (!planned) throw new ResponseError(ErrorCodes.InvalidRequest, 'the workspace has not been analysed yet');
  if (!planned.ok) throw new ResponseError(ErrorCodes.InvalidRequest, planned.error);
  const written = writeScaffold(disk.folder, planned.files, options.dryRun ? 'dry-run' : 'write', disk.toolVersion);
  if (!written.ok) throw new ResponseError(ErrorCodes.InvalidRequest, `nothing written: ${written.inTheWay.map((c) => `${c.path} (${c.reason ?? c.status})`).join(', ')}`);
  if (!options.dryRun) ctx.session.filesChanged(planned.files.map((f) => ({ path: f.path, type: 'created' as const })));
  return toNewServiceResult(planned.files, planned.notes, options.dryRun, ctx.uris);
}
