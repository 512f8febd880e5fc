import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { main } from '../../server/src/cli/main';

const REPO = resolve(__dirname, '../../..');
const CLI = join(REPO, 'dist/cli.js');

function run(args: string[], cwd = REPO): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  return dir;
}

const BROKEN = {
  'topology.yaml': 'L1_foundation: !include topology/L1.yaml\n',
  'topology/L1.yaml':
    'locations:\n- id: home\n  name: Home\n  type: home-office\n  description: Home\n  provider: hetzner-cloud\ndevices:\n- id: rtr\n  name: R\n  type: router\n  role: central-gateway\n  class: network\n  substrate: baremetal-owned\n  access: local-lan\n  location: hme\n',
};

describe('strata CLI', () => {
  let dir: string;
  before(() => {
    dir = workspace(BROKEN);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints path:line:col: severity rule-id: message lines and a summary; exit 1 on errors', () => {
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0]!, /^topology\/L1\.yaml:6:13: warning schema-unknown-value: `provider` is 'hetzner-cloud', which is not a known value \(.*\)\. Did you mean 'hetzner'\?$/);
    assert.match(r.out, /^topology\/L1\.yaml:15:13: error ref-unknown: `location` names 'hme', but no location has that id\. Did you mean 'home'\?$/m);
    assert.match(lines.at(-1)!, /^1 error, 1 warning, 1 info, 0 hints in 2 files \(2 entities\); infos and hints are listed with --verbose$/);
  });

  it('--format json: 0-based LSP ranges, paths relative to DIR, and a summary', () => {
    const r = run(['check', dir, '--format', 'json']);
    const j = JSON.parse(r.out);
    const d = j.diagnostics.find((x: { code: string }) => x.code === 'ref-unknown');
    assert.deepEqual(d.range, { start: { line: 14, character: 12 }, end: { line: 14, character: 15 } });
    assert.equal(d.file, 'topology/L1.yaml');
    assert.equal(d.severity, 'error');
    assert.deepEqual(j.summary, { errors: 1, warnings: 1, infos: 1, hints: 0, files: 2, entities: 2 });
  });

  it('text paths are relative to the current directory, so they open from where the command ran', () => {
    const r = run(['check', basename(dir)], tmpdir());
    assert.match(r.out, new RegExp(`^${basename(dir)}/topology/L1\\.yaml:15:13: error ref-unknown: `, 'm'));
    const inside = run(['check', '..'], join(dir, 'topology'));
    assert.match(inside.out, /^L1\.yaml:15:13: error ref-unknown: /m);
    // The JSON report stays relative to DIR: a tool reads it with the folder it passed.
    assert.equal(JSON.parse(run(['check', basename(dir), '--format', 'json'], tmpdir()).out).diagnostics[0].file, 'topology/L1.yaml');
  });

  it('--format sarif: artifact URIs are relative to %SRCROOT%, the checked folder as a file:// URI', () => {
    const j = JSON.parse(run(['check', basename(dir), '--format', 'sarif'], tmpdir()).out);
    assert.deepEqual(j.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(`${dir}/`).href);
    const res = j.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'ref-unknown');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'topology/L1.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('check exits 2 naming what it looked for when DIR has neither a topology nor a Kubernetes tree', () => {
    const empty = workspace({ 'README.md': '# nothing here\n' });
    const r = run(['check', empty]);
    const topologyOnly = run(['check', empty, '--only', 'topology']);
    rmSync(empty, { recursive: true, force: true });
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^strata check: no topology\.yaml and no kubernetes\/base\/ or flux\/apps\/ in .*; nothing to check/);
    assert.equal(topologyOnly.code, 2);
    assert.match(topologyOnly.err, /no topology\.yaml in /);
  });

  it('--format sarif: a SARIF 2.1.0 log with rules and 1-based regions', () => {
    const j = JSON.parse(run(['check', dir, '--format', 'sarif']).out);
    assert.equal(j.version, '2.1.0');
    const res = j.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'ref-unknown');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 15, startColumn: 13, endLine: 15, endColumn: 16 });
    assert.ok(j.runs[0].tool.driver.rules.some((x: { id: string; helpUri: string }) => x.id === 'ref-unknown' && x.helpUri.endsWith('ref-unknown.md')));
  });

  it('text output lists infos and hints only with --verbose; the summary counts them either way', () => {
    const quiet = run(['check', dir], dir).out;
    assert.doesNotMatch(quiet, /: (info|hint) /);
    const verbose = run(['check', dir, '--verbose'], dir).out;
    assert.match(verbose, /^topology\/L1\.yaml:\d+:\d+: info /m);
    assert.equal(quiet.trim().split('\n').at(-1)!.replace('; infos and hints are listed with --verbose', ''), verbose.trim().split('\n').at(-1));
  });

  it('v4.0 shapes: one text line per pending migration with its count and command; JSON and SARIF keep every finding', () => {
    const sample = join(REPO, 'test-fixtures/sample-v4');
    const text = run(['check', sample]).out;
    assert.doesNotMatch(text, /deprecated-field|service-ip-redundant/);
    const json = JSON.parse(run(['check', sample, '--format', 'json']).out) as { diagnostics: { code: string; severity: string; data?: unknown }[]; summary: { hints: number } };
    const legacy = json.diagnostics.filter((d) => d.code === 'deprecated-field' || d.code === 'service-ip-redundant');
    assert.ok(legacy.length > 20);
    assert.ok(legacy.every((d) => d.severity === 'hint'));
    assert.equal(json.summary.hints, legacy.length);
    const pending = text.split('\n').filter((l) => l.startsWith('migration pending: '));
    assert.equal(pending.length, 7);
    const counted = pending.map((l) => {
      const m = /^migration pending: ([\w-]+) \(.*\): (\d+) findings?; apply with: strata migrate (\S+) --only ([\w-]+) --write$/.exec(l);
      assert.ok(m, l);
      assert.equal(m[3], sample);
      assert.equal(m[4], m[1]);
      return Number(m[2]);
    });
    assert.equal(
      counted.reduce((a, b) => a + b, 0),
      legacy.length,
    );
    const sarif = JSON.parse(run(['check', sample, '--format', 'sarif']).out) as { runs: { results: unknown[] }[] };
    assert.equal(sarif.runs[0]!.results.length, json.diagnostics.length);
    assert.ok(text.trim().split('\n').length < 20, text);
  });

  it('--rule id=off and id=warning change what is reported and the exit code', () => {
    assert.equal(run(['check', dir, '--rule', 'ref-unknown=warning']).code, 0);
    const r = run(['check', dir, '--rule', 'ref-unknown=off', '--rule=schema-unknown-value=off']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^0 errors, 0 warnings/m);
  });

  it('--strict exits 1 on warnings', () => {
    assert.equal(run(['check', dir, '--rule', 'ref-unknown=off', '--strict']).code, 1);
  });

  it('.strata.yaml rules and # strata-disable-next-line silence findings by id', () => {
    const d2 = workspace({ ...BROKEN, '.strata.yaml': 'rules:\n  schema-unknown-value: off\n' });
    const text = BROKEN['topology/L1.yaml'].replace('  location: hme\n', '  # strata-disable-next-line ref-unknown\n  location: hme\n');
    writeFileSync(join(d2, 'topology/L1.yaml'), text);
    const r = run(['check', d2]);
    rmSync(d2, { recursive: true, force: true });
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^0 errors, 0 warnings/m);
  });

  it('exit 2 with a message on usage errors; --help and --version', () => {
    const bad = run(['check', dir, '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be text, json or sarif/);
    assert.equal(run(['check', '--rule', 'nope=off', dir]).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
    assert.match(run(['--version']).out, /^\d+\.\d+\.\d+\n$/);
    const help = run(['check', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /usage: strata check/);
  });

  it('-h and --help print the help of every command, as does strata help COMMAND', () => {
    for (const cmd of ['check', 'migrate', 'graph', 'generate', 'k8s', 'rules', 'explain', 'lsp']) {
      const short = run([cmd, '-h']);
      assert.equal(short.code, 0, `${cmd} -h: ${short.err}`);
      assert.match(short.out, new RegExp(`^usage: strata ${cmd} `));
      assert.match(short.out, /^ {2}-h, --help /m);
      assert.equal(run([cmd, '--help']).out, short.out);
      assert.equal(run(['help', cmd]).out, short.out);
    }
    // Help wins over whatever else is on the line.
    assert.equal(run(['check', 'no-such-dir', '--formt', '-h']).code, 0);
    assert.match(run(['help']).out, /^commands:$/m);
  });

  it('unknown commands, options and values: did-you-mean and exit 2', () => {
    const cmd = run(['chek', '.']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.err, /^strata: unknown command 'chek'; did you mean check\?$/m);
    const help = run(['help', 'genrate']);
    assert.equal(help.code, 2);
    assert.match(help.err, /did you mean generate\?/);
    const flag = run(['check', dir, '--formt', 'json']);
    assert.equal(flag.code, 2);
    assert.match(flag.err, /^strata check: unknown option --formt; did you mean --format\?$/m);
    assert.match(run(['migrate', dir, '--wirte']).err, /unknown option --wirte; did you mean --write\?/);
    assert.match(run(['check', dir, '--format', 'jsn']).err, /--format must be text, json or sarif, not 'jsn'; did you mean json\?/);
    assert.match(run(['check', dir, '--rule', 'ref-unknwn=off']).err, /unknown rule id 'ref-unknwn'; did you mean ref-unknown\?/);
    const missing = run(['check', dir, '--format']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Option '--format <value>' argument missing/);
    assert.equal(run(['check', dir, dir]).code, 2);
  });

  it('strata rules: one line per rule, topology and Kubernetes: id, default severity, category, description', () => {
    const r = run(['rules']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, ALL_RULES.length);
    for (const rule of ALL_RULES) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      assert.ok(line, rule.id);
      assert.deepEqual(line.split(/ {2,}/), [rule.id, rule.severity, rule.category, rule.description]);
    }
    assert.match(r.out, /^k8s-image-tag +error +kubernetes +A container image is not pinned/m);
  });

  it("strata explain RULE prints the rule's docs page; an unknown rule is a did-you-mean and exit 2", () => {
    const r = run(['explain', 'ref-unknown']);
    assert.equal(r.code, 0, r.err);
    const [page, examples] = r.out.split('\nExamples: ');
    assert.match(page!, /^# `ref-unknown`\n\nA reference names an id that no entity of the target kind has\.\n\n- Default severity: \*\*error\*\*\n- Category: reference\n/);
    assert.ok(readFileSync(join(REPO, 'docs/rules/ref-unknown.md'), 'utf8').startsWith(page!), 'the page docs/rules holds, before its examples');
    assert.equal(examples, 'https://github.com/strata-tools/strata/blob/main/docs/rules/ref-unknown.md\n');
    const bad = run(['explain', 'ref-unknwn']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown rule 'ref-unknwn'; did you mean ref-unknown\?/);
    assert.equal(run(['explain']).code, 2);
  });

  it('on a terminal, errors, warnings and the summary are in color; NO_COLOR, --no-color and a pipe keep it plain', async () => {
    const check = async (tty: boolean, env: Record<string, string>, ...extra: string[]) => {
      let out = '';
      const code = await main(['check', '.', ...extra], { out: (t) => (out += t), err: () => undefined, version: 'test', cwd: dir, isTTY: tty, env });
      assert.equal(code, 1);
      return out;
    };
    const plain = await check(false, {});
    assert.doesNotMatch(plain, /\x1b/);
    const colored = await check(true, {});
    assert.match(colored, /^topology\/L1\.yaml:15:13: \x1b\[1;31merror\x1b\[0m ref-unknown: /m);
    assert.match(colored, /^topology\/L1\.yaml:6:13: \x1b\[1;33mwarning\x1b\[0m schema-unknown-value: /m);
    assert.match(colored, /\n\x1b\[1;31m1 error, 1 warning, 1 info, 0 hints in 2 files \(2 entities\)\x1b\[0m; infos/);
    // Without the escapes it is the plain report, line for line: the problem matcher's format holds.
    assert.equal(colored.replace(/\x1b\[[\d;]*m/g, ''), plain);
    assert.equal(await check(true, { NO_COLOR: '1' }), plain);
    assert.equal(await check(true, {}, '--no-color'), plain);
    assert.equal(await check(true, { TERM: 'dumb' }), plain);
    assert.equal(await check(false, { FORCE_COLOR: '1' }), colored);
    assert.equal(await check(true, { FORCE_COLOR: '0' }), plain);
    assert.doesNotMatch(await check(true, {}, '--format', 'json'), /\x1b/);
  });

  it('generate: what a generator names is printed with its source relative to the current directory, its severity in color on a terminal', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'strata-cli-gen-'));
    cpSync(join(REPO, 'test-fixtures/sample-v4'), join(parent, 'lab'), { recursive: true });
    const generate = async (tty: boolean, env: Record<string, string>, ...extra: string[]) => {
      let err = '';
      const code = await main(['generate', 'lab', '--dry-run', ...extra], { out: () => undefined, err: (t) => (err += t), version: 'test', cwd: parent, isTTY: tty, env });
      assert.equal(code, 0, err);
      return err;
    };
    try {
      const plain = await generate(false, {});
      assert.match(plain, /^lab\/topology\/[^:]+: info\[[\w-]+\] [\w-]+: /m);
      assert.doesNotMatch(plain, /\x1b/);
      const colored = await generate(true, {});
      assert.match(colored, /^lab\/topology\/[^:]+: \x1b\[36minfo\[[\w-]+\]\x1b\[0m /m);
      assert.equal(colored.replace(/\x1b\[[\d;]*m/g, ''), plain);
      assert.equal(await generate(true, { NO_COLOR: '1' }), plain);
      assert.equal(await generate(true, {}, '--no-color'), plain);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('npx strata works through the bin entry of package.json', () => {
    const out = execFileSync('npx', ['--no-install', 'strata', '--version'], { cwd: REPO, encoding: 'utf8' });
    assert.match(out, /^\d+\.\d+\.\d+/);
  });
});
