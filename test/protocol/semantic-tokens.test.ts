/**
 * Ref highlighting: the server's semantic tokens colour ref values in the files the topology reads,
 * and nothing in any other YAML file of the workspace, however much it looks like one.
 */
import * as assert from 'node:assert/strict';
import { SemanticTokensRequest } from 'vscode-languageserver-protocol/node';
import { inProcess, stopAfterEach, type InProcess } from '../helpers/lsp-client';
import { WORKSPACE } from './workspace';

const DNS = 'topology/L5-application/services/svc-dns.yaml';
/** Not included by topology.yaml: a CI file with keys that end in `_ref`. */
const OTHER = 'ci/pipeline.yaml';
const OTHER_TEXT = 'stages:\n- name: deploy\n  network_ref: net-servers\n  target_ref: rtr-main\n';

/** The tokens decoded from LSP's relative encoding: line, character, the text, the type's name. */
function decode(data: number[], text: string, types: string[]): [number, number, string, string][] {
  const lines = text.split('\n');
  const out: [number, number, string, string][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    out.push([line, char, lines[line]!.slice(char, char + data[i + 2]!), types[data[i + 3]!]!]);
  }
  return out;
}

describe('language server: semantic tokens for refs, in topology files only', () => {
  let s: InProcess;
  beforeEach(async () => {
    s = inProcess({ ...WORKSPACE, [OTHER]: OTHER_TEXT });
    await s.client.initialize();
  });
  stopAfterEach(() => s);

  const tokens = async (path: string, text: string) => {
    const legend = s.client.result!.capabilities.semanticTokensProvider!.legend.tokenTypes;
    const r = await s.client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: s.client.uri(path) } });
    return decode(r?.data ?? [], text, legend);
  };

  it('colours every ref value of a topology file, and nothing else there', async () => {
    assert.deepEqual(await tokens(DNS, WORKSPACE[DNS]!), [
      [4, 14, 'rtr-main', 'variable'],
      [5, 23, 'net-servers', 'variable'],
    ]);
  });

  it('colours nothing in a YAML file the topology does not read, open or not', async () => {
    assert.deepEqual(await tokens(OTHER, OTHER_TEXT), []);
    await s.client.open(OTHER, OTHER_TEXT);
    assert.deepEqual(await tokens(OTHER, OTHER_TEXT), []);
  });
});
