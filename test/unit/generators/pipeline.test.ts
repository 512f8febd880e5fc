import { GENERATOR_NAMES } from '../../../server/src/core/generator-names';
import { COMMANDS, regenerateLensTitle } from '../../../shared/commands';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../server/src/core/config/strata-config';
import { Workspace } from '../../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../../server/src/node/node-fs';
import { regenerate, staleOutputCount } from '../../../server/src/node/generate-service';
import { main } from '../../../server/src/cli/main';
import { GENERATORS } from '../../../generators/registry';
import { generate, loadModel, sampleDir, TEST_VERSION } from '../../helpers/generate';
import { lxcWithDescription } from '../../helpers/topologies';

describe('generators: pipeline and regenerate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-gen-'));
    cpSync(sampleDir('sample-v4'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = () => {
    const ws = new Workspace(new NodeFileSystem(dir));
    return { ws, ...loadModel(ws) };
  };

  it('the registry and the shared command ids name the same generators', () => {
    assert.deepEqual(
      GENERATORS.map((g) => g.name),
      [...GENERATOR_NAMES],
    );
    for (const n of GENERATOR_NAMES) assert.match(COMMANDS.regenerate[n], /^strata\.regenerate\./);
    assert.equal(regenerateLensTitle(3), 'Regenerate all (3 outputs stale)');
  });

  it('second run with nothing changed skips every generator and writes nothing', async () => {
    const { model, config } = load();
    const first = await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    assert.ok(first.summary.every((s) => s.status === 'ran' && s.written > 0));
    const second = await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    assert.deepEqual(
      second.summary.map((s) => s.status),
      ['skipped', 'skipped', 'skipped', 'skipped'],
    );
    assert.ok(second.report.changes.every((c) => c.status === 'kept'));
    assert.equal(await staleOutputCount({ workspace: dir, model, config, toolVersion: TEST_VERSION }), 0);
  });

  it('an edit re-runs only the generators that read that layer', async () => {
    let { model, config } = load();
    await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    const f = join(dir, 'topology/L6-observability/alerts.yaml');
    writeFileSync(f, `${readFileSync(f, 'utf8')}\n# touched\n`);
    ({ model, config } = load());
    const r = await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    assert.deepEqual(Object.fromEntries(r.summary.map((s) => [s.generator, s.status])), { 'terraform-proxmox': 'skipped', 'terraform-mikrotik': 'skipped', ansible: 'skipped', docs: 'ran' });
  });

  it('a deleted output makes its generator run again and restores it; the code lens counts it', async () => {
    const { model, config } = load();
    await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    rmSync(join(dir, 'generated/terraform/proxmox/lxc.tf'));
    assert.equal(await staleOutputCount({ workspace: dir, model, config, toolVersion: TEST_VERSION }), 1);
    const r = await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    assert.equal(r.summary[0]!.status, 'ran');
    assert.equal(r.summary[0]!.written, 1);
  });

  it('.strata.yaml chooses the output folder and the enabled generators', async () => {
    writeFileSync(join(dir, '.strata.yaml'), 'output: out/gen\ngenerators:\n  ansible: {}\n  docs:\n    enabled: false\n');
    const { model, config } = load();
    const r = await regenerate({ workspace: dir, model, config, toolVersion: TEST_VERSION });
    assert.deepEqual(
      r.summary.map((s) => s.generator),
      ['ansible'],
    );
    assert.ok(readFileSync(join(dir, 'out/gen/ansible/inventory/hosts.yml'), 'utf8').includes('lxc_containers'));
  });

  it('config: unknown generator names are reported', () => {
    const { findings, config } = parseConfig('generators: [ansible, terraform-aws]\n', new Set());
    assert.deepEqual(config.generators, ['ansible']);
    assert.match(findings[0]!.message, /Unknown generator `terraform-aws`/);
  });

  it('unsafe names become diagnostics, not output', async () => {
    const src = lxcWithDescription('ok');
    src['l4.yaml'] = src['l4.yaml']!.replace('  name: app\n', '  name: ../../evil\n');
    const { plan, files } = await generate(src);
    const diags = plan.runs.flatMap((r) => r.diagnostics).filter((d) => d.rule === 'generator-unsafe-name');
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.generator, 'ansible');
    assert.ok(diags[0]!.span, 'points at the name');
    assert.ok([...files.keys()].every((p) => !p.includes('..')));
    assert.doesNotMatch(files.get('ansible/inventory/hosts.yml')!.content, /evil/);
  });
});

describe('strata generate (CLI)', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  // Text output names paths relative to the current directory: the temporary folder here.
  const io = () => ({ out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), version: TEST_VERSION, cwd: dir });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    cpSync(sampleDir('sample-refactored'), join(dir, 'ws'), { recursive: true });
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run lists files with size and status and writes nothing; then a run writes; --diff shows nothing to do', async () => {
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', join(dir, 'o'), '--dry-run'], io()), 0);
    assert.match(out.join(''), /new\s+\d+ B {2}o\/terraform\/proxmox\/lxc\.tf/);
    assert.throws(() => readFileSync(join(dir, 'o/terraform/proxmox/lxc.tf')));
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', join(dir, 'o')], io()), 0);
    assert.match(readFileSync(join(dir, 'o/terraform/proxmox/lxc.tf'), 'utf8'), /proxmox_virtual_environment_container/);
    out = [];
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', join(dir, 'o'), '--diff'], io()), 0);
    assert.doesNotMatch(out.join(''), /^@@/m);
  });

  it('--only runs the named generators; a hand edit blocks the write (exit 1) until --force', async () => {
    const o = join(dir, 'o');
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', o, '--only', 'docs'], io()), 0);
    assert.match(out.join(''), /docs\s+[\d.]+ ms\s+10 written/);
    writeFileSync(join(o, 'docs/vlans.md'), 'mine\n');
    writeFileSync(join(dir, 'ws/topology/L2-network/networks/net-iot.yaml'), readFileSync(join(dir, 'ws/topology/L2-network/networks/net-iot.yaml'), 'utf8').replace('vlan: 40', 'vlan: 41'));
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', o, '--only', 'docs'], io()), 1);
    assert.match(err.join(''), /not overwritten: o\/docs\/vlans\.md \(edited since Strata wrote it\)/);
    assert.equal(readFileSync(join(o, 'docs/vlans.md'), 'utf8'), 'mine\n');
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', o, '--only', 'docs', '--force'], io()), 0);
    assert.match(readFileSync(join(o, 'docs/vlans.md'), 'utf8'), /\| 41 \| `net-iot`/);
  });

  it('--check writes nothing, lists the outputs that are not up to date and exits 1; 0 once they are', async () => {
    const gen = (...extra: string[]) => main(['generate', join(dir, 'ws'), '--out', join(dir, 'o'), '--only', 'docs', ...extra], io());
    assert.equal(await gen('--check'), 1);
    assert.match(out.join(''), /^new {6}o\/docs\/vlans\.md$/m);
    assert.match(out.join(''), /^10 generated files are not up to date; run strata generate to update$/m);
    assert.throws(() => readFileSync(join(dir, 'o/docs/vlans.md')));
    assert.equal(await gen(), 0);
    out = [];
    assert.equal(await gen('--check'), 0);
    assert.equal(out.join(''), 'generated outputs are up to date (10 files in o)\n');
    writeFileSync(join(dir, 'o/docs/vlans.md'), 'mine\n');
    out = [];
    assert.equal(await gen('--check'), 1);
    assert.equal(out.join(''), 'edited   o/docs/vlans.md  (edited since Strata wrote it)\n1 generated file is not up to date; run strata generate to update\n');
    // --dry-run keeps its meaning: a preview, exit 0 whatever is stale.
    assert.equal(await gen('--dry-run'), 0);
    assert.equal(await gen('--check', '--dry-run'), 2);
  });

  it('--format json: the mode, whether every output is up to date, per-generator counts and every file', async () => {
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', join(dir, 'o'), '--only', 'docs', '--check', '--format', 'json'], io()), 1);
    const report = JSON.parse(out.join('')) as {
      mode: string;
      outDir: string;
      upToDate: boolean;
      generators: Record<string, unknown>[];
      files: { path: string; status: string; action: string }[];
      diagnostics: unknown[];
    };
    assert.deepEqual(Object.keys(report), ['mode', 'outDir', 'upToDate', 'generators', 'files', 'diagnostics']);
    assert.equal(report.mode, 'check');
    assert.equal(report.outDir, join(dir, 'o'));
    assert.equal(report.upToDate, false);
    // Without writing, the counts are what a run would do.
    assert.deepEqual(report.generators, [{ generator: 'docs', status: 'ran', written: 10, unchanged: 0, removed: 0, blocked: 0, warnings: 0 }]);
    assert.ok(report.files.some((f) => f.path === 'docs/vlans.md' && f.status === 'new' && f.action === 'written'));
    out = [];
    assert.equal(await main(['generate', join(dir, 'ws'), '--out', join(dir, 'o'), '--only', 'docs', '--format', 'json'], io()), 0);
    const written = JSON.parse(out.join('')) as { mode: string; upToDate: boolean; generators: { written: number }[] };
    assert.equal(written.mode, 'write');
    assert.equal(written.generators[0]!.written, 10);
  });

  it('rejects unknown generators and conflicting flags', async () => {
    assert.equal(await main(['generate', join(dir, 'ws'), '--only', 'terraform-aws'], io()), 2);
    assert.equal(await main(['generate', join(dir, 'ws'), '--dry-run', '--diff'], io()), 2);
    assert.match(err.join(''), /unknown generator 'terraform-aws'[\s\S]*choose one of --dry-run, --diff and --check, not --dry-run and --diff/);
  });
});
