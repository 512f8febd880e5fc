/**
 * The JSON encoding of messages to the client over a stream, with each published diagnostic
 * encoded once: an edit republishes a file with all its findings (thousands in a big file), and
 * all but the changed ones are the same objects as in the last publish (analysis and convert keep
 * them), so their JSON is reused and only the list around them is written anew.
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: object[];
}

export function publishCachingEncoder(): ContentTypeEncoder {
  const encoded = new WeakMap<object, string>();
  const json = (d: object): string => {
    let s = encoded.get(d);
    if (s === undefined) encoded.set(d, (s = JSON.stringify(d)));
    return s;
  };
  return {
    name: 'application/json',
    encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
      try {
        return Promise.resolve(Buffer.from(encodeMessage(msg, json), options.charset));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

/** The message as JSON.stringify writes it; a publish's diagnostics through `json`. */
export function encodeMessage(msg: Message, json: (d: object) => string): string {
  const m = msg as Message & { method?: string; params?: PublishParams; id?: unknown };
  const p = m.method === PUBLISH && m.id === undefined ? m.params : undefined;
  if (
    !p ||
    !Array.isArray(p.diagnostics) ||
    Object.keys(m).some((k) => k !== 'jsonrpc' && k !== 'method' && k !== 'params') ||
    Object.keys(p).some((k) => k !== 'uri' && k !== 'version' && k !== 'diagnostics')
  )
    return JSON.stringify(msg);
  const version = p.version !== undefined ? `,"version":${JSON.stringify(p.version)}` : '';
  return `{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"${PUBLISH}","params":{"uri":${JSON.stringify(p.uri)}${version},"diagnostics":[${p.diagnostics.map(json).join(',')}]}}`;
}
