import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../server/src/cli/main';
import { formatGraphMermaid, formatGraphText, graphReport } from '../../server/src/core/features/deploy-order';
import { dependencyCycles, dependencyGraph, deployOrder } from '../../server/src/core/model/dependencies';
import { analyzeFiles } from '../helpers/check';

const SERVICES = `
L5_application:
  services:
  - id: svc-caddy
    dependencies: [{service_ref: svc-nextcloud}, {service_ref: svc-postgresql}]
  - id: svc-nextcloud
    dependencies: [{service_ref: svc-postgresql}, {service_ref: svc-redis}, {service_ref: svc-missing}]
  - id: svc-postgresql
    clients: [{service_ref: svc-nextcloud}]
  - id: svc-redis
  - id: svc-a
    dependencies: [{service_ref: svc-b}]
  - id: svc-b
    dependencies: [{service_ref: svc-c}]
  - id: svc-c
    dependencies: [{service_ref: svc-a}, {service_ref: svc-redis}]
  - id: svc-after-cycle
    dependencies: [{service_ref: svc-c}]
  - id: svc-self
    dependencies: [{service_ref: svc-self}]
`;

function graph(yaml: string) {
  const model = analyzeFiles({ 'topology.yaml': yaml }).analysis.model;
  assert.ok(model);
  return dependencyGraph(model);
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['graph', ...argv], { out: (t) => (out += t), err: (t) => (err += t), version: 'test' });
  return { code, out, err };
}

describe('service dependencies', () => {
  it('orders services in parallel groups and leaves cycles out', () => {
    const order = deployOrder(graph(SERVICES));
    assert.deepEqual(
      order.layers.map((l) => l.map((s) => s.id)),
      [['svc-postgresql', 'svc-redis'], ['svc-nextcloud'], ['svc-caddy']],
    );
    assert.deepEqual(
      order.blocked.map((s) => s.id),
      ['svc-a', 'svc-b', 'svc-c', 'svc-after-cycle', 'svc-self'],
    );
  });

  it('finds one cycle per strongly connected component, in order', () => {
    const cycles = dependencyCycles(graph(SERVICES)).map((c) => c.map((e) => `${e.from.id}>${e.to.id}`));
    assert.deepEqual(cycles, [['svc-a>svc-b', 'svc-b>svc-c', 'svc-c>svc-a'], ['svc-self>svc-self']]);
  });

  it('finds the shortest way back inside a larger component', () => {
    const g = graph(`
L5_application:
  services:
  - id: svc-a
    dependencies: [{service_ref: svc-b}, {service_ref: svc-c}]
  - id: svc-b
    dependencies: [{service_ref: svc-c}]
  - id: svc-c
    dependencies: [{service_ref: svc-a}]
`);
    assert.deepEqual(
      dependencyCycles(g).map((c) => c.map((e) => e.from.id)),
      [['svc-a', 'svc-c']],
    );
  });

  it('handles long chains without recursion limits', () => {
    const n = 2000;
    const lines = ['L5_application:', '  services:'];
    for (let i = 0; i < n; i++) lines.push(`  - id: svc-${i}`, i > 0 ? `    dependencies: [{service_ref: svc-${i - 1}}]` : '    dependencies: []');
    const g = graph(`${lines.join('\n')}\n`);
    assert.equal(deployOrder(g).layers.length, n);
    assert.deepEqual(dependencyCycles(g), []);
  });

  it('formats the deploy order as text and mermaid', () => {
    const r = graphReport(graph(SERVICES));
    assert.equal(
      formatGraphText(r),
      [
        'Deploy order of 9 services in 3 groups (services of one group can start in parallel):',
        '  1. svc-postgresql, svc-redis',
        '  2. svc-nextcloud',
        '  3. svc-caddy',
        'Not placed, in or behind a dependency cycle: svc-a, svc-b, svc-c, svc-after-cycle, svc-self',
        '  cycle: svc-a → svc-b → svc-c → svc-a',
        '  cycle: svc-self → svc-self',
        '',
      ].join('\n'),
    );
    const mermaid = formatGraphMermaid(r);
    assert.match(mermaid, /^flowchart LR\n {2}subgraph group1\["1"\]\n {4}svc_postgresql\["svc-postgresql"\]\n/);
    assert.match(mermaid, /\n {2}svc_postgresql --> svc_nextcloud\n/);
    assert.match(mermaid, /subgraph blocked\["cycle"\]/);
  });

  it("strata graph prints the sample's deploy order in every format", async () => {
    const dir = resolve(__dirname, '../../../test-fixtures/sample-refactored');
    const text = await run([dir]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /^Deploy order of 13 services in 3 groups/);
    assert.match(text.out, /\n {2}3\. svc-caddy\n$/);
    const json = await run([dir, '--format', 'json']);
    const report = JSON.parse(json.out) as { groups: string[][]; blocked: string[]; edges: unknown[] };
    assert.equal(report.groups.length, 3);
    assert.deepEqual(report.blocked, []);
    assert.ok(report.groups[2]!.includes('svc-caddy'));
    assert.match((await run([dir, '--format=mermaid'])).out, /^flowchart LR\n/);
  });

  it('strata graph exits 1 on a cycle and rejects bad usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-graph-'));
    writeFileSync(join(dir, 'topology.yaml'), SERVICES);
    const r = await run([dir]);
    assert.equal(r.code, 1);
    assert.match(r.out, /cycle: svc-a → svc-b → svc-c → svc-a/);
    const dot = await run([dir, '--format', 'dot']);
    assert.equal(dot.code, 2);
    assert.match(dot.err, /--format must be text, json or mermaid, not 'dot'/);
    const missing = await run([join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /not a directory/);
  });
});
