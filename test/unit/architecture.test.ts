import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'generated') out.push(...sources(p));
    } else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2]!);
}

/** The invariants of ARCHITECTURE.md that an import can break. */
describe('architecture', () => {
  it('the core (server/src/core) and generators import no transport, editor or Node module', () => {
    const banned = /^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc|node:|fs$|path$|os$|child_process$|worker_threads$|process$)/;
    for (const f of [...sources(join(REPO, 'server/src/core')), ...sources(join(REPO, 'generators'))]) {
      for (const spec of imports(f)) assert.doesNotMatch(spec, banned, `${relative(REPO, f)} imports ${spec}`);
    }
  });

  it('only server/src/lsp imports vscode-languageserver; only client/ imports vscode', () => {
    for (const f of sources(join(REPO, 'server/src'))) {
      const rel = relative(REPO, f);
      for (const spec of imports(f)) {
        if (/^vscode-languageserver/.test(spec)) assert.ok(rel.startsWith('server/src/lsp/'), `${rel} imports ${spec}`);
        assert.notEqual(spec, 'vscode', `${rel} imports vscode`);
      }
    }
  });

  it('no telemetry: the extension, the server and the CLI open no network connection and report nothing', () => {
    const network = /^(node:)?(http|https|http2|net|dgram|tls|undici)$/;
    for (const f of [...sources(join(REPO, 'server/src')), ...sources(join(REPO, 'client/src')), ...sources(join(REPO, 'generators'))]) {
      const rel = relative(REPO, f);
      for (const spec of imports(f)) assert.doesNotMatch(spec, network, `${rel} imports ${spec}`);
      assert.doesNotMatch(
        readFileSync(f, 'utf8'),
        /\bfetch\(|\bXMLHttpRequest\b|\bWebSocket\b|TelemetryLogger|createTelemetryLogger|telemetryReporter/i,
        `${rel} reaches the network or reports telemetry`,
      );
    }
  });

  it('the VS Code client imports nothing of the server: the shapes and commands they share sit in shared/', () => {
    for (const f of sources(join(REPO, 'client/src'))) {
      for (const spec of imports(f)) assert.doesNotMatch(spec, /\/server\/src\//, `${relative(REPO, f)} imports ${spec}`);
    }
  });

  it('the core never imports from the CLI, the server or the Node layer', () => {
    for (const f of sources(join(REPO, 'server/src/core'))) {
      for (const spec of imports(f)) assert.doesNotMatch(spec, /\/(cli|lsp|node)\//, `${relative(REPO, f)} imports ${spec}`);
    }
  });
});
