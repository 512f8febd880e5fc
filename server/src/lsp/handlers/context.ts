/** What every handler group of one workspace folder reads: the connection, the session and the converters. */
import type { ClientCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isManifestPath, type StrataConfig, type TopologyModel } from '../../core';
import { LineIndexes, SpanConverter, type UriMapper } from '../convert';
import type { FolderConnection } from '../folders';
import type { StrataSettings } from '../../../../shared/protocol';
import type { LiveSession } from '../session';

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

type Position = { line: number; character: number };

export interface HandlerContext {
  connection: FolderConnection;
  documents: TextDocuments<TextDocument>;
  session: LiveSession;
  uris: UriMapper;
  caps: ClientCapabilities;
  host: HandlerHost;
  lines: LineIndexes;
  /** Spans of the last analysis refer to the texts it read; after a flush those are the current ones. */
  analysed(model: TopologyModel | undefined): SpanConverter;
  /** The analysed model with pending edits folded in, and the request's path and offset in it. */
  at(uri: string, position?: Position): { path: string; model: TopologyModel; conv: SpanConverter; offset: number } | undefined;
  /** A Kubernetes manifest (under the base folder or flux/apps) at the current analysis. */
  manifestAt(uri: string, position: Position): ManifestAt | undefined;
}

export interface ManifestAt {
  path: string;
  config: StrataConfig;
  conv: SpanConverter;
  offset: number;
}

export function handlerContext(
  connection: FolderConnection,
  documents: TextDocuments<TextDocument>,
  session: LiveSession,
  uris: UriMapper,
  caps: ClientCapabilities,
  host: HandlerHost,
): HandlerContext {
  const lines = new LineIndexes();
  const analysed = (model: TopologyModel | undefined) => new SpanConverter(uris, lines, (p) => model?.assembly.parsed.get(p)?.text ?? session.text(p));
  return {
    connection,
    documents,
    session,
    uris,
    caps,
    host,
    lines,
    analysed,
    at(uri, position) {
      const path = uris.toPath(uri);
      const model = path !== undefined ? session.current()?.model : undefined;
      // A broken file contributes its last good tree, whose offsets are those of an older text.
      if (path === undefined || !model || session.ws.stale.has(path)) return undefined;
      const conv = analysed(model);
      return { path, model, conv, offset: position ? conv.index(path).offset(position) : 0 };
    },
    manifestAt(uri, position) {
      const path = uris.toPath(uri);
      const a = path !== undefined ? session.current() : undefined;
      if (path === undefined || !a || !isManifestPath(a.config.kubernetesBase, path)) return undefined;
      const conv = analysed(a.model);
      return { path, config: a.config, conv, offset: conv.index(path).offset(position) };
    },
  };
}
