import * as assert from 'node:assert/strict';
import { encodeMessage } from '../../server/src/lsp/publish-encoding';

// The server's own encoding of messages over stdio: what JSON.stringify writes, with each published
// diagnostic encoded once and its JSON reused while the diagnostic object is.
describe('publish encoding', () => {
  const diag = (n: number) => ({ range: { start: { line: n, character: 0 }, end: { line: n, character: 3 } }, severity: 4, code: 'x', message: `m "${n}"\n`, tags: [2], data: { a: n } });

  it('writes a publish as JSON.stringify does, with the diagnostics encoded through the cache', () => {
    const encoded = new Map<object, string>();
    let calls = 0;
    const json = (d: object) => {
      calls++;
      if (!encoded.has(d)) encoded.set(d, JSON.stringify(d));
      return encoded.get(d)!;
    };
    const ds = [diag(1), diag(2)];
    for (const params of [
      { uri: 'file:///a b.yaml', version: 3, diagnostics: ds },
      { uri: 'file:///a.yaml', diagnostics: ds },
      { uri: 'file:///a.yaml', diagnostics: [] },
    ]) {
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
      assert.equal(encodeMessage(msg, json), JSON.stringify(msg));
    }
    assert.equal(calls, 4);
    assert.equal(encoded.size, 2);
  });

  it('writes every other message with JSON.stringify', () => {
    const json = () => {
      throw new Error('not a publish');
    };
    for (const msg of [
      { jsonrpc: '2.0', id: 1, result: { diagnostics: [diag(1)] } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', diagnostics: [diag(1)], extra: 1 } },
    ])
      assert.equal(encodeMessage(msg, json), JSON.stringify(msg));
  });
});
