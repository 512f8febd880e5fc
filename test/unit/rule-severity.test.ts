import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli/main';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { Diagnostic, SeveritySetting } from '../../server/src/core/types';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { LiveSession } from '../../server/src/lsp/session';

// One severity path for every rule: the bundled default, then `.strata.yaml`, then the editor
// setting or `--rule`, which wins. A Kubernetes rule and a topology rule, each switched off in
// `.strata.yaml`, come back when the CLI or the editor names them.
const FILES: Record<string, string> = {
  '.strata.yaml': 'kubernetes:\n  base: kubernetes/base\nrules:\n  k8s-image-tag: off\n  ref-unknown: off\n',
  'topology.yaml': 'L1_foundation:\n  locations:\n  - id: home\n    name: Home\n    type: home-office\n  devices:\n  - id: rtr\n    name: R\n    type: router\n    class: network\n    location: hom\n',
  'kubernetes/base/web/deployment.yaml': 'kind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n',
};

const CASES: { rule: string; file: string }[] = [
  { rule: 'k8s-image-tag', file: 'kubernetes/base/web/deployment.yaml' },
  { rule: 'ref-unknown', file: 'topology.yaml' },
];

/** The codes `strata check --format json` reports, with the given `--rule` options. */
async function cliCodes(dir: string, rules: string[]): Promise<{ code: string; severity: string; file: string }[]> {
  let out = '';
  await main(['check', '.', '--format', 'json', ...rules.flatMap((r) => ['--rule', r])], { out: (t) => (out += t), err: () => undefined, version: 'test', cwd: dir, isTTY: false, env: {} });
  return (JSON.parse(out) as { diagnostics: { code: string; severity: string; file: string }[] }).diagnostics;
}

/** What the language server publishes with the editor's `strata.rules` setting. */
function editorDiagnostics(rules: Record<string, SeveritySetting>): Diagnostic[] {
  const published: Diagnostic[] = [];
  const session = new LiveSession(new MemoryFileSystem(FILES), topologyDeclarations(), { publish: (_p, d) => void published.push(...d), log: () => undefined }, 0);
  session.setRules(rules);
  session.flush();
  session.dispose();
  return published;
}

describe('rule severity', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-severity-'));
    for (const [p, t] of Object.entries(FILES)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const { rule, file } of CASES) {
    describe(rule, () => {
      it('is off when .strata.yaml turns it off', async () => {
        assert.deepEqual(
          (await cliCodes(dir, [])).filter((d) => d.code === rule),
          [],
        );
        assert.deepEqual(
          editorDiagnostics({}).filter((d) => d.code === rule),
          [],
        );
      });

      it('comes back with --rule, at the severity named there', async () => {
        const found = (await cliCodes(dir, [`${rule}=warning`])).filter((d) => d.code === rule);
        assert.deepEqual(
          found.map((d) => [d.file, d.severity]),
          [[file, 'warning']],
        );
      });

      it('comes back with the editor setting, at the severity named there', () => {
        const found = editorDiagnostics({ [rule]: 'info' }).filter((d) => d.code === rule);
        assert.deepEqual(
          found.map((d) => [d.file, d.severity]),
          [[file, 'info']],
        );
      });
    });
  }
});
