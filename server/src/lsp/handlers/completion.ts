/** Completion over the document's current text (half-typed text included): Kubernetes items on manifests, else the topology's. */
import { complete, isManifestPath, k8sCompletion } from '../../core';
import { toCompletionList, toK8sCompletionList } from '../convert';
import type { HandlerContext } from './context';

export function registerCompletion(ctx: HandlerContext): void {
  const { connection, documents, session, uris, lines } = ctx;
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
}
