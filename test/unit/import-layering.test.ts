import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { type CruiseResult, cruiseTree, errors, fileEdges, folderCycles, folderGraph, layeringConfig, withoutKnownEdges } from '../../scripts/import-layering';

/** A tree laid out like the repository: each file with the files it imports. */
type Fixture = Record<string, string[]>;

function writeFixture(root: string, fixture: Fixture): void {
  for (const [file, imports] of Object.entries(fixture)) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    const lines = imports.map((target) => {
      const specifier = relative(dirname(file), target).replace(/\.ts$/, '');
      return `import '${specifier.startsWith('.') ? specifier : `./${specifier}`}';`;
    });
    writeFileSync(path, [...lines, 'export {};', ''].join('\n'));
    for (const target of imports) {
      mkdirSync(dirname(join(root, target)), { recursive: true });
      if (!(target in fixture)) writeFileSync(join(root, target), 'export {};\n');
    }
  }
}

async function cruiseFixture(fixture: Fixture): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'strata-layering-'));
  try {
    writeFixture(root, fixture);
    return errors(await cruiseTree(root)).map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const CORE = 'server/src/core';

/** Imports against the layering, each with the rule that must refuse it. */
const REFUSED: { name: string; fixture: Fixture; rule: string }[] = [
  { name: 'the workspace imports the model', fixture: { [`${CORE}/workspace/nodes.ts`]: [`${CORE}/model/model.ts`] }, rule: 'core-upward' },
  { name: 'the workspace imports the incremental engine', fixture: { [`${CORE}/workspace/nodes.ts`]: [`${CORE}/incremental/change.ts`] }, rule: 'core-upward' },
  { name: 'the language server imports a core file past the entry point', fixture: { 'server/src/lsp/server.ts': [`${CORE}/analysis.ts`] }, rule: 'core-entry-point' },
  { name: 'a generator imports a core file past the entry point', fixture: { 'generators/registry.ts': [`${CORE}/model/model.ts`] }, rule: 'core-entry-point' },
  { name: 'a core module imports the entry point', fixture: { [`${CORE}/features/hover.ts`]: [`${CORE}/index.ts`] }, rule: 'core-upward' },
  { name: 'the model imports the analysis', fixture: { [`${CORE}/model/model.ts`]: [`${CORE}/analysis.ts`] }, rule: 'core-upward' },
  { name: 'the core imports the language server', fixture: { [`${CORE}/analysis.ts`]: ['server/src/lsp/server.ts'] }, rule: 'core-imports-front-end' },
  { name: 'the core imports a generator', fixture: { [`${CORE}/features/hover.ts`]: ['generators/registry.ts'] }, rule: 'core-imports-front-end' },
  { name: 'the language server imports the CLI', fixture: { 'server/src/lsp/server.ts': ['server/src/cli/main.ts'] }, rule: 'front-end-layering' },
  { name: 'the Node layer imports the language server', fixture: { 'server/src/node/writer.ts': ['server/src/lsp/server.ts'] }, rule: 'front-end-layering' },
  { name: 'a generator imports the Node layer', fixture: { 'generators/registry.ts': ['server/src/node/writer.ts'] }, rule: 'front-end-layering' },
  { name: 'the client imports the core', fixture: { 'client/src/extension.ts': [`${CORE}/analysis.ts`] }, rule: 'client-imports-server' },
  {
    name: 'two folders of one rank import each other',
    fixture: { [`${CORE}/features/hover.ts`]: [`${CORE}/migrations/plan.ts`], [`${CORE}/migrations/runner.ts`]: [`${CORE}/features/edits.ts`] },
    rule: 'folder-cycle',
  },
  { name: 'a core folder has no rank', fixture: { [`${CORE}/analysis.ts`]: [`${CORE}/unranked/thing.ts`] }, rule: 'core-unranked' },
];

describe('import layering (.dependency-cruiser.cjs)', () => {
  let tree: CruiseResult;
  before(async function () {
    this.timeout(120000);
    tree = await cruiseTree();
  });

  it('the tree keeps the layering', () => {
    assert.deepEqual(
      errors(tree).map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`),
      [],
    );
  });

  it('every known edge is still an import of the tree (remove the entries that are gone)', () => {
    const edges = fileEdges(tree);
    const gone = layeringConfig().KNOWN_EDGES.filter((known) => !edges.some((edge) => edge.from === known.from && edge.to === known.to));
    assert.deepEqual(gone, []);
  });

  it('without the known edges, no folders import each other in a cycle', () => {
    assert.deepEqual(folderCycles(folderGraph(withoutKnownEdges(fileEdges(tree), layeringConfig().KNOWN_EDGES))), []);
  });

  it('each folder the cycle rule spares is still on a cycle (remove the ones that are not)', () => {
    const onCycle = new Set((tree.folders ?? []).filter((folder) => (folder.dependencies ?? []).some((dependency) => dependency.circular)).map((folder) => folder.name));
    assert.deepEqual(
      layeringConfig().KNOWN_CYCLE_FOLDERS.filter((folder) => !onCycle.has(folder)),
      [],
    );
  });

  it('imports along the layering pass', async function () {
    this.timeout(60000);
    const allowed: Fixture = {
      [`${CORE}/model/model.ts`]: [`${CORE}/workspace/nodes.ts`, `${CORE}/types.ts`],
      [`${CORE}/analysis.ts`]: [`${CORE}/rules/registry.ts`],
      [`${CORE}/index.ts`]: [`${CORE}/analysis.ts`, `${CORE}/model/model.ts`],
      'server/src/cli/main.ts': ['server/src/lsp/server.ts', 'server/src/node/writer.ts', `${CORE}/index.ts`],
      'server/src/lsp/server.ts': ['server/src/node/writer.ts', 'generators/registry.ts'],
      'generators/registry.ts': [`${CORE}/index.ts`],
    };
    assert.deepEqual(await cruiseFixture(allowed), []);
  });

  for (const { name, fixture, rule } of REFUSED) {
    it(`refuses an import against the layering: ${name}`, async function () {
      this.timeout(60000);
      const found = await cruiseFixture(fixture);
      assert.ok(
        found.some((violation) => violation.startsWith(`${rule}:`)),
        `expected ${rule}, got ${found.join('; ') || 'nothing'}`,
      );
    });
  }
});
