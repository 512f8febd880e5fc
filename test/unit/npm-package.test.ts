/**
 * The package as npm sees it: its dependency tree and the Node.js it asks for.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  name: string;
  private?: boolean;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  engines: { node: string };
  dependencies?: unknown;
  devDependencies: Record<string, string>;
};

interface LsNode {
  version?: string;
  dependencies?: Record<string, LsNode>;
}

/** Every version of `name` installed anywhere in the tree, as `npm ls --all` reports it. */
function installedVersions(name: string): Set<string> {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json', name], { cwd: REPO, encoding: 'utf8' })) as LsNode;
  const found = new Set<string>();
  const walk = (deps: Record<string, LsNode> | undefined) => {
    for (const [dep, node] of Object.entries(deps ?? {})) {
      if (dep === name && node.version) found.add(node.version);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return found;
}

const major = (range: string) => Number(/\d+/.exec(range)?.[0]);

describe('the npm package', function () {
  this.timeout(60_000);

  it("is the CLI package strata-lsp (never `strata`, another project's name on npm), publishable, with the `strata` executable built before packing", () => {
    assert.equal(PKG.name, 'strata-lsp');
    assert.notEqual(PKG.private, true);
    assert.deepEqual(PKG.bin, { strata: 'dist/cli.js' });
    assert.match(PKG.scripts.prepack!, /scripts\/build\.mjs/);
    assert.equal(PKG.dependencies, undefined, 'the bundles hold everything the CLI runs');
  });

  it('names its homepage and where to report bugs, in the repository it comes from', () => {
    assert.equal(PKG.homepage, `${PKG.repository.url}#readme`);
    assert.equal(PKG.bugs.url, `${PKG.repository.url}/issues`);
  });

  it('vscode-languageserver 11, with one copy of the protocol (and its JSON-RPC and types) for server and client', () => {
    assert.equal(major(PKG.devDependencies['vscode-languageserver']!), 11);
    for (const name of ['vscode-languageserver-protocol', 'vscode-jsonrpc', 'vscode-languageserver-types']) {
      const versions = installedVersions(name);
      assert.equal(versions.size, 1, `${name}: ${[...versions].join(', ')}`);
    }
  });

  it('asks for Node.js 22 or later, and types the code against that Node.js', () => {
    assert.match(PKG.engines.node, /^>=\d+$/);
    assert.ok(major(PKG.engines.node) >= 22, PKG.engines.node);
    assert.equal(major(PKG.devDependencies['@types/node']!), major(PKG.engines.node));
  });
});
