/** Binds each LSP request of one workspace folder to its core feature; conversion lives in convert.ts, state in session.ts. */
import { CodeActionKind, ErrorCodes, ResponseError, SemanticTokensBuilder, type ClientCapabilities, type CodeAction, type CodeLens, type SelectionRange, type SymbolInformation, type TextDocuments, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { referenceLenses } from '../core/features/code-lens';
import { refUnknownFixes } from '../core/features/code-actions';
import { nextFreeIpActions } from '../core/features/next-free-ip';
import { migrationCodeActions, resolveMigrationAction, runEditorCommand, type CommandContext } from './editor-commands';
import { complete } from '../core/features/completion';
import { definition } from '../core/features/definition';
import { documentLinks } from '../core/features/document-links';
import { documentSymbols } from '../core/features/document-symbols';
import { foldingRanges } from '../core/features/folding';
import { hover } from '../core/features/hover';
import { references } from '../core/features/references';
import { prepareRename, rename } from '../core/features/rename';
import { selectionRanges } from '../core/features/selection-ranges';
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '../core/features/semantic-tokens';
import { workspaceSymbols } from '../core/features/workspace-symbols';
import { COMMANDS, GENERATOR_NAMES, regenerateLensTitle } from '../core/commands';
import { k8sCodeActions } from '../core/kubernetes/code-actions';
import { isManifestPath } from '../core/kubernetes/discovery';
import { k8sCompletion, k8sDefinition, k8sReferences } from '../core/kubernetes/features';
import { planNewService } from '../core/kubernetes/scaffold';
import type { TopologyModel } from '../core/model/model';
import { formatSummary, regenerate, staleOutputCount } from '../node/generate-service';
import { writeScaffold } from '../node/scaffold-service';
import { selectGenerators } from '../../../generators/pipeline';
import { LineIndexes, SpanConverter, symbolKind, toCompletionList, toFoldingRange, toK8sCompletionList, toNewServiceOptions, toNewServiceResult, toRegenerateResult, type UriMapper } from './convert';
import { SHOW_REFERENCES_COMMAND, type GeneratedChange, type RegenerateCommandResult, type StrataSettings } from './protocol';
import type { FolderConnection } from './folders';
import type { LiveSession } from './session';

/** The disk behind the workspace, for the commands that write (absent in a browser: they are not offered). */
export interface DiskHost {
  /** Absolute path of the workspace folder. */
  folder: string;
  toolVersion: string;
}

export interface HandlerHost {
  disk: DiskHost | undefined;
  /** Regenerate on didSave when `strata.generate.onSave` is true (off when the client does it itself). */
  regenerateOnSave: boolean;
  /** The `strata` settings section as the client has it now. */
  settings(): Promise<StrataSettings | undefined>;
}

/** Commands the server runs, as advertised in executeCommandProvider. */
export function serverCommands(disk: DiskHost | undefined): string[] {
  const writing = [COMMANDS.regenerateAll, ...Object.values(COMMANDS.regenerate), COMMANDS.generatedStaleCount, COMMANDS.showGeneratedChanges, COMMANDS.newKubernetesService];
  return [SHOW_REFERENCES_COMMAND, ...(disk ? writing : [])];
}

export function registerHandlers(connection: FolderConnection, documents: TextDocuments<TextDocument>, session: LiveSession, uris: UriMapper, caps: ClientCapabilities, host: HandlerHost): void {
  const lines = new LineIndexes();
  /** Spans of the last analysis refer to the texts it read; after a flush those are the current ones. */
  const analysed = (model: TopologyModel | undefined) => new SpanConverter(uris, lines, (p) => model?.assembly.parsed.get(p)?.text ?? session.text(p));

  /** The analysed model with pending edits folded in, and the request's path and offset in it. */
  const at = (uri: string, position?: { line: number; character: number }) => {
    const path = uris.toPath(uri);
    const model = path !== undefined ? session.current()?.model : undefined;
    // A broken file contributes its last good tree, whose offsets are those of an older text.
    if (path === undefined || !model || session.ws.stale.has(path)) return undefined;
    const conv = analysed(model);
    return { path, model, conv, offset: position ? conv.index(path).offset(position) : 0 };
  };

  /** A Kubernetes manifest (under the base folder or flux/apps) at the current analysis. */
  const manifestAt = (uri: string, position: { line: number; character: number }) => {
    const path = uris.toPath(uri);
    const a = path !== undefined ? session.current() : undefined;
    if (path === undefined || !a || !isManifestPath(a.config.kubernetesBase, path)) return undefined;
    const conv = analysed(a.model);
    return { path, config: a.config, conv, offset: conv.index(path).offset(position) };
  };

  connection.onDefinition(({ textDocument, position }) => {
    const k = manifestAt(textDocument.uri, position);
    if (k) return k8sDefinition(session.ws, k.config, k.path, k.offset).map((span) => k.conv.location(span));
    const c = at(textDocument.uri, position);
    return c ? c.conv.definition(definition(c.model, c.path, c.offset), caps.textDocument?.definition?.linkSupport === true) : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const k = manifestAt(textDocument.uri, position);
    if (k) return k8sReferences(session.ws, k.config, k.path, k.offset, context.includeDeclaration).map((span) => k.conv.location(span));
    const c = at(textDocument.uri, position);
    return c ? references(c.model, c.path, c.offset, context.includeDeclaration).map((s) => c.conv.location(s)) : null;
  });

  connection.onPrepareRename(({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    const r = c && prepareRename(c.model, c.path, c.offset);
    if (!c || !r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: c.conv.range(r.span), placeholder: r.placeholder };
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const c = at(textDocument.uri, position);
    const r = c && rename(c.model, c.path, c.offset, newName.trim());
    if (!c || !r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return c.conv.workspaceEdit({ edits: r.edits, creates: [] }, false);
  });

  connection.onHover(({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    const h = c && hover(c.model, c.path, c.offset, (span, label) => c.conv.markdownLink(span, label));
    return h && c ? { contents: { kind: 'markdown', value: h.markdown }, range: c.conv.range(h.span) } : null;
  });

  connection.onCompletion(({ textDocument, position }) => {
    const path = uris.toPath(textDocument.uri);
    const text = documents.get(textDocument.uri)?.getText() ?? (path !== undefined ? session.text(path) : undefined);
    if (path === undefined || text === undefined) return null;
    const index = lines.get(path, text);
    const config = session.current()?.config;
    if (config && isManifestPath(config.kubernetesBase, path)) {
      const k = k8sCompletion(session.ws, config, path, index.offset(position));
      return k ? toK8sCompletionList(k, index) : null;
    }
    const r = complete(session.model, session.ws, path, text, index.offset(position));
    return r ? toCompletionList(r, index) : null;
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const c = at(textDocument.uri);
    if (!c) return null;
    const symbols = documentSymbols(c.model, c.path);
    if (caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols.map((s) => c.conv.documentSymbol(s));
    return symbols.flatMap(function flat(s): SymbolInformation[] {
      return [{ name: s.name, kind: symbolKind(s.kind), location: c.conv.location(s.selection) }, ...s.children.flatMap(flat)];
    });
  });

  // Ref values, coloured only in the files the topology reads.
  connection.onSemanticTokens(({ textDocument }) => {
    const c = at(textDocument.uri);
    const text = c && (c.model.assembly.parsed.get(c.path)?.text ?? session.text(c.path));
    const builder = new SemanticTokensBuilder();
    if (!c || text === undefined) return builder.build();
    const index = c.conv.index(c.path);
    for (const t of semanticTokens(c.model, c.path, text)) {
      const p = index.position(t.start);
      builder.push(p.line, p.character, t.end - t.start, SEMANTIC_TOKEN_TYPES.indexOf(t.type), 0);
    }
    return builder.build();
  });

  connection.onWorkspaceSymbol(({ query }) => {
    const model = session.current()?.model;
    if (!model) return [];
    const conv = analysed(model);
    return workspaceSymbols(model, query).map((e) => ({ name: e.id, kind: symbolKind(e.kind), containerName: e.kind, location: conv.location(e.idSpan) }));
  });

  connection.onDocumentLinks(({ textDocument }) => {
    const c = at(textDocument.uri);
    return c ? documentLinks(c.model, c.path).map((l) => ({ range: c.conv.range(l.span), target: uris.toUri(l.target), tooltip: l.tooltip })) : null;
  });

  connection.onCodeLens(async ({ textDocument }) => {
    const c = at(textDocument.uri);
    if (!c) return null;
    const lenses: CodeLens[] = [];
    const config = session.current()?.config;
    // On the root file: "Regenerate all (N outputs stale)", a dry run of the pipeline over the live model.
    if (host.disk && config && c.path === config.root) {
      const stale = await staleOutputCount({ workspace: host.disk.folder, model: c.model, config, toolVersion: host.disk.toolVersion });
      lenses.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: regenerateLensTitle(stale), command: COMMANDS.regenerateAll, arguments: [] } });
    }
    return lenses.concat(referenceLenses(c.model, c.path).map((l) => {
      const range = c.conv.range(l.span);
      const title = `${l.count} reference${l.count === 1 ? '' : 's'}`;
      return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [uris.toUri(l.span.file), range.start, l.references.map((s) => c.conv.location(s))] } };
    }));
  });

  const generatorOf = new Map<string, string>(GENERATOR_NAMES.map((g) => [COMMANDS.regenerate[g], g]));
  let lastChanges: GeneratedChange[] = [];
  /** Runs one after another: two writers must never work on the output folder at once. */
  let queue: Promise<unknown> = Promise.resolve();

  const needDisk = (): DiskHost => {
    if (!host.disk) throw new ResponseError(ErrorCodes.InvalidRequest, 'this server has no disk to write to');
    return host.disk;
  };

  /** A progress reporter: the request's token, or one the server creates when the client supports it. */
  const progressFor = async (given: WorkDoneProgressReporter | undefined): Promise<WorkDoneProgressReporter | undefined> => {
    if (given && !WorkDoneProgressReporter.isNullInstance(given)) return given;
    if (!caps.window?.workDoneProgress) return undefined;
    return connection.window.createWorkDoneProgress().catch(() => undefined);
  };

  /** Regenerate (all, or `only`) from the live model, writing to disk, with progress and log lines. */
  const runRegenerate = (only: string[] | undefined, force: boolean, progress: WorkDoneProgressReporter | undefined): Promise<RegenerateCommandResult> => {
    const run = queue.then(async () => {
      const disk = needDisk();
      const a = session.current();
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
        for (const line of summary.trimEnd().split('\n')) connection.console.log(`regenerate:${line}`);
        for (const d of result.diagnostics) connection.console.log(`regenerate: ${d.span ? `${d.span.file}: ` : ''}${d.severity}[${d.rule}] ${d.generator}: ${d.message}`);
        const out = toRegenerateResult(result, summary, uris, disk.folder);
        lastChanges = out.changes;
        return out;
      } finally {
        progress?.done();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const commands: CommandContext = { connection, session, uris, caps, converter: () => analysed(session.current()?.model) };
  connection.onExecuteCommand(async ({ command, arguments: args }, _token, workDone) => {
    if (command === SHOW_REFERENCES_COMMAND) return args?.[2] ?? [];
    const first = args?.[0] as { force?: unknown } | undefined;
    if (command === COMMANDS.regenerateAll || generatorOf.has(command)) {
      needDisk();
      const only = generatorOf.has(command) ? [generatorOf.get(command)!] : undefined;
      return runRegenerate(only, first?.force === true, await progressFor(workDone));
    }
    if (command === COMMANDS.showGeneratedChanges) return lastChanges;
    if (command === COMMANDS.generatedStaleCount) {
      const disk = needDisk();
      const a = session.current();
      return a?.model ? staleOutputCount({ workspace: disk.folder, model: a.model, config: a.config, toolVersion: disk.toolVersion }) : 0;
    }
    if (command === COMMANDS.newKubernetesService) {
      const disk = needDisk();
      const options = toNewServiceOptions(args?.[0]);
      if (typeof options === 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${command}: ${options}`);
      const config = session.current()?.config;
      const planned = config && planNewService(session.ws, config, options);
      if (!planned) throw new ResponseError(ErrorCodes.InvalidRequest, 'the workspace has not been analysed yet');
      if (!planned.ok) throw new ResponseError(ErrorCodes.InvalidRequest, planned.error);
      const written = writeScaffold(disk.folder, planned.files, options.dryRun ? 'dry-run' : 'write', disk.toolVersion);
      if (!written.ok) throw new ResponseError(ErrorCodes.InvalidRequest, `nothing written: ${written.inTheWay.map((c) => `${c.path} (${c.reason ?? c.status})`).join(', ')}`);
      if (!options.dryRun) session.filesChanged(planned.files.map((f) => ({ path: f.path, type: 'created' as const })));
      return toNewServiceResult(planned.files, planned.notes, options.dryRun, uris);
    }
    const result = await runEditorCommand(command, args, commands);
    if (result !== undefined) return result;
    throw new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${command}`);
  });

  // Regenerate on save (`strata.generate.onSave`), for files of the topology only.
  documents.onDidSave(({ document }) => {
    const path = uris.toPath(document.uri);
    const model = host.regenerateOnSave && path !== undefined ? session.current()?.model : undefined;
    if (!model || !model.assembly.parsed.has(path!)) return;
    void (async () => {
      const settings = await host.settings();
      if (settings?.generate?.onSave !== true) return;
      const r = await runRegenerate(undefined, false, await progressFor(undefined));
      connection.console.log(`regenerated on save of ${path}: ${r.message}`);
    })().catch((err: unknown) => connection.console.error(`regenerate on save failed: ${err instanceof Error ? err.message : String(err)}`));
  });

  /** Folding and selection read the file's own current parse (no includes, no analysis needed). */
  const parsed = (uri: string) => {
    const path = uris.toPath(uri);
    const pf = path !== undefined ? session.ws.parse(path) : undefined;
    return path !== undefined && pf && !('error' in pf) ? { path, pf, index: lines.get(path, pf.text) } : undefined;
  };

  connection.onFoldingRanges(({ textDocument }) => {
    const p = parsed(textDocument.uri);
    return p ? foldingRanges(p.pf.root, p.pf.text, p.index).map(toFoldingRange) : null;
  });

  connection.onSelectionRanges(({ textDocument, positions }) => {
    const p = parsed(textDocument.uri);
    if (!p) return null;
    return positions.map((pos) => {
      const chain = selectionRanges(p.pf.root, p.pf.text, p.index.offset(pos));
      let out: SelectionRange | undefined;
      for (const r of chain.reverse()) out = { range: p.index.range(r.start, r.end), ...(out ? { parent: out } : {}) };
      return out ?? { range: { start: pos, end: pos } };
    });
  });

  connection.onCodeAction(({ textDocument, context, range }) => {
    const k = manifestAt(textDocument.uri, range.start);
    const ops = caps.workspace?.workspaceEdit?.documentChanges === true ? (caps.workspace.workspaceEdit.resourceOperations ?? []) : [];
    const canCreate = ops.includes('create');
    const current = session.current()?.diagnostics ?? [];
    const out: CodeAction[] = [];
    if (k) {
      // A Kubernetes finding carries its fixes (Diagnostic.data); files to create or delete need resource operations.
      for (const d of context.diagnostics) {
        const found = current.find((x) => x.file === k.path && x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
        for (const fix of k8sCodeActions(found?.data)) {
          const resources = fix.edit.creates.length + fix.edit.deletes.length > 0;
          if ((fix.edit.creates.length && !canCreate) || (fix.edit.deletes.length && !ops.includes('delete'))) continue;
          out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: k.conv.workspaceEdit(fix.edit, resources) });
        }
      }
      return out;
    }
    const c = at(textDocument.uri);
    if (!c) return null;
    for (const d of context.diagnostics) {
      if (d.code !== 'ref-unknown') continue;
      // The finding as analysed (its data names the candidates), matched by place and rule.
      const found = current.find((x) => x.file === c.path && x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
      if (!found) continue;
      const index = c.conv.index(c.path);
      const span = { file: c.path, start: index.offset(found.range.start), end: index.offset(found.range.end) };
      for (const fix of refUnknownFixes(c.model, span, found.data)) {
        if (fix.edit.creates.length > 0 && !canCreate) continue;
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: c.conv.workspaceEdit(fix.edit, fix.edit.creates.length > 0) });
      }
    }
    out.push(...migrationCodeActions(commands, current, c.path, context.diagnostics));
    // On an address tied to a network: "Use next free address in <network>".
    const offset = c.conv.index(c.path).offset(range.start);
    for (const a of nextFreeIpActions(c.model, c.path, offset)) {
      const fixed = context.diagnostics.filter((d) => typeof d.code === 'string' && a.fixes.includes(d.code));
      out.push({ title: a.title, kind: CodeActionKind.QuickFix, ...(fixed.length ? { diagnostics: fixed, isPreferred: true } : {}), edit: c.conv.workspaceEdit({ edits: [a.edit], creates: [] }, false) });
    }
    return out;
  });

  connection.onCodeActionResolve((action) => resolveMigrationAction(commands, action));
}
