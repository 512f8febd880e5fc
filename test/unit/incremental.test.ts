import { AnalysisHost } from '../../server/src/core/host';
import type { CarryFaults } from '../../server/src/core/incremental/partial';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import type { SNode } from '../../server/src/core/workspace/nodes';
import { parseYamlFile } from '../../server/src/core/workspace/parse-file';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { parseFixture } from '../helpers/fixture';
import { rng } from '../helpers/rng';
import { sampleFiles } from '../helpers/samples';
import { TopologyModel } from '../../server/src/core/model/model';
import { refUnknown } from '../../server/src/core/rules/ref-unknown';
import { sameFinding } from '../../server/src/core/incremental/keep-equal';
import type { Finding } from '../../server/src/core/types';

// A re-check reuses the findings of every rule that read nothing the edit changed. These tests hold
// it to one promise: after any edit, the re-check reports exactly what a check from scratch reports.

const RULE_FIXTURES = resolve(__dirname, '../../../test/fixtures/rules');

function ruleFixtures(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.fixture')) out.push(parseFixture(readFileSync(p, 'utf8')).files);
    }
  };
  walk(RULE_FIXTURES);
  return out;
}

/** Every scalar of a file with its source range. */
function scalars(node: SNode | undefined, out: { start: number; end: number; value: unknown }[] = [], depth = 0): typeof out {
  if (!node || depth > 100) return out;
  if (node.kind === 'scalar') out.push({ start: node.start, end: node.end, value: node.value });
  else if (node.kind === 'seq') for (const i of node.items) scalars(i, out, depth + 1);
  else if (node.kind === 'map') for (const e of node.entries) scalars(e.value, out, depth + 1);
  return out;
}

/** A plausible edit: a value swapped for another of the workspace or nudged, a line added, removed or commented. */
function edit(text: string, pool: string[], r: () => number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)]!;
  const lines = text.split('\n');
  const op = r();
  if (op < 0.55) {
    const values = scalars(parseYamlFile('x.yaml', text).root).filter((s) => s.end > s.start);
    if (values.length === 0) return `${text}# empty\n`;
    const s = pick(values);
    const old = text.slice(s.start, s.end);
    let next: string;
    const ip = /^(\d+\.\d+\.\d+\.)(\d+)(\/\d+)?$/.exec(old);
    const k = r();
    if (ip && k < 0.6) next = `${ip[1]}${Math.floor(r() * 255)}${ip[3] ?? ''}`;
    else if (typeof s.value === 'number' && k < 0.6) next = String(s.value + (r() < 0.5 ? 1 : -1));
    else if (k < 0.75) next = pick(pool);
    else if (k < 0.9) next = `${old}x`;
    else next = old.slice(0, -1) || 'x';
    return text.slice(0, s.start) + next + text.slice(s.end);
  }
  const i = Math.floor(r() * lines.length);
  if (op < 0.7) lines.splice(i, 0, `${(lines[i] ?? '').match(/^\s*/)![0]}# note ${i}`);
  else if (op < 0.8) lines.splice(i, 1);
  else if (op < 0.9) lines.splice(i, 0, lines[i] ?? '');
  else lines[i] = (lines[i] ?? '') + (r() < 0.5 ? ' ' : ':');
  return lines.join('\n');
}

/**
 * A check from scratch. A file that does not parse lends the workspace its last good tree, so the
 * fresh workspace is shown that text first when some file is broken now.
 */
function fromScratch(files: Record<string, string>, lastGood: Record<string, string> = files): Analysis {
  const broken = Object.keys(files).filter((p) => files[p] !== lastGood[p]);
  const ws = new Workspace(new MemoryFileSystem(broken.length ? lastGood : files));
  if (broken.length === 0) return analyze(ws, topologyDeclarations(), { oneShot: true });
  analyze(ws, topologyDeclarations(), { oneShot: true });
  for (const p of broken) ws.setOverlay(p, files[p]!);
  return analyze(ws, topologyDeclarations(), { oneShot: true });
}

/**
 * Applies edits one after another through one analysis host, as the language server does, so each
 * re-check starts from what the host carried (whole rules, and the items of the rules that run
 * again), and compares each with a fresh check.
 */
function replay(files: Record<string, string>, steps: number, r: () => number, faults?: CarryFaults, primed = false): { reused: number; rerun: number; itemsKept: number } {
  const current = { ...files };
  const lastGood = { ...files };
  const ws = new Workspace(new MemoryFileSystem(files));
  const host = new AnalysisHost(ws, topologyDeclarations(), faults ? { faults } : {});
  // As the language server starts: the first analysis defers what makes re-checks incremental, recorded afterwards.
  host.analyze(primed ? { deferItems: true } : {});
  if (primed) for (const step of host.primeSteps()) step();
  const paths = Object.keys(files).filter((p) => p.endsWith('.yaml'));
  const pool = [...new Set(paths.flatMap((p) => scalars(parseYamlFile(p, files[p]!).root).map((s) => files[p]!.slice(s.start, s.end))))].filter((v) => v.length > 0 && !v.includes('\n'));
  let reused = 0;
  let rerun = 0;
  let itemsKept = 0;
  let brokenFile: string | undefined;
  for (let step = 0; step < steps; step++) {
    // A file left broken by the last edit is mostly typed back into shape, as in an editor.
    const p = brokenFile ?? paths[Math.floor(r() * paths.length)]!;
    if ((brokenFile && r() < 0.7) || r() < 0.05) {
      current[p] = brokenFile ? lastGood[p]! : files[p]!;
      if (current[p] === files[p]) ws.clearOverlay(p);
      else ws.setOverlay(p, current[p]!);
    } else {
      current[p] = edit(current[p]!, pool, r);
      ws.setOverlay(p, current[p]!);
    }
    const parsed = parseYamlFile(p, current[p]!);
    if (!parsed.hasSyntaxError) lastGood[p] = current[p]!;
    brokenFile = parsed.hasSyntaxError ? p : undefined;
    const next = host.analyze();
    const expected = fromScratch(current, lastGood);
    assert.deepEqual(next.diagnostics, expected.diagnostics, `step ${step}: edit of ${p} gives other findings than a check from scratch`);
    reused += next.reused.length;
    rerun += Object.keys(next.timings).filter((k) => !next.reused.includes(k) && !['load', 'model', 'change', 'place'].includes(k)).length;
    itemsKept += next.itemsKept;
  }
  return { reused, rerun, itemsKept };
}

describe('incremental re-check', function () {
  this.timeout(120_000);

  const samples = ['sample-v4', 'sample-refactored', 'sample-dir-sorted', 'sample-broken'];
  for (const [i, name] of samples.entries()) {
    it(`${name}: 100 chained edits (seed ${40 + i}) report what a fresh check reports`, () => {
      const { reused, rerun, itemsKept } = replay(sampleFiles(name), 100, rng(40 + i));
      // The test would prove nothing if every step ran every rule, or every item of the rules that ran.
      assert.ok(reused * 2 > rerun, `only ${reused} rule results reused against ${rerun} re-runs`);
      assert.ok(itemsKept > 1000, `only ${itemsKept} items kept their findings in rules that ran again`);
    });
  }

  it('sample-v4, its first analysis deferred and then primed: 100 chained edits (seed 44) report what a fresh check reports', () => {
    const { itemsKept } = replay(sampleFiles('sample-v4'), 100, rng(44), undefined, true);
    assert.ok(itemsKept > 1000, `only ${itemsKept} items kept their findings in rules that ran again`);
  });

  // Carrying broken on purpose must be caught: otherwise the chained edits test nothing.
  for (const [fault, why, sample] of [
    ['skipChangedRefs', 'a ref rule that does not re-check the refs an edit read again', 'sample-broken'],
    ['carryStaleRules', 'rules that keep their findings whatever the edit changed', 'sample-broken'],
    // On sample-broken these 100 edits happen to change nothing a twin's check read; on sample-v4 they do.
    ['trustTwins', 'items read again that keep the findings of the items they replace whatever the edit changed', 'sample-v4'],
  ] as const) {
    it(`the chained edits notice ${why}`, () => {
      assert.throws(() => replay(sampleFiles(sample), 100, rng(43), { [fault]: true }), /gives other findings than a check from scratch/);
    });
  }

  it('every rule fixture: 6 chained edits each (seed 7) report what a fresh check reports', () => {
    const r = rng(7);
    const all = ruleFixtures();
    assert.ok(all.length > 30);
    for (const files of all) replay(files, 6, r);
  });

  const v4 = sampleFiles('sample-v4');
  const lxcFile = Object.keys(v4).find((p) => /L4-platform/.test(p) && /ip: \d/.test(v4[p]!))!;

  it('an edited description re-runs only the rules that read descriptions; the others carry over', () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const first = analyze(ws, topologyDeclarations());
    ws.setOverlay(lxcFile, v4[lxcFile]!.replace(/description: /, 'description: edited '));
    const second = analyze(ws, topologyDeclarations(), { previous: first });
    for (const id of ['ref-unknown', 'ip-duplicate', 'dependency-cycle', 'storage-chain-broken', 'layer-direction']) assert.ok(second.reused.includes(id), `${id} was re-run`);
    assert.ok(!second.reused.includes('schema'), 'schema reads every field and must re-run');
    assert.deepEqual(second.diagnostics, fromScratch({ ...v4, [lxcFile]: ws.readText(lxcFile).text! }).diagnostics);
  });

  it("a typo in a service's lxc_ref and its fix: what follows from the typo is folded into its finding, and goes with it", () => {
    const svc = 'topology/L5-application/services/svc-postgresql.yaml';
    const ws = new Workspace(new MemoryFileSystem(v4));
    let previous = analyze(ws, topologyDeclarations());
    const steps = [v4[svc]!.replace('lxc_ref: lxc-postgresql', 'lxc_ref: lxc-postgresq'), v4[svc]!, v4[svc]!.replace('lxc_ref: lxc-postgresql', 'lxc_ref: lxc-postgres'), v4[svc]!];
    for (const [i, text] of steps.entries()) {
      ws.setOverlay(svc, text);
      const next = analyze(ws, topologyDeclarations(), { previous });
      assert.deepEqual(next.diagnostics, fromScratch({ ...v4, [svc]: text }).diagnostics, `step ${i}`);
      const broken = next.diagnostics.filter((d) => d.code === 'ref-unknown');
      const folded = broken.flatMap((d) => d.related ?? []).filter((r) => r.message.startsWith('Follows from this (ip-duplicate)'));
      assert.deepEqual([broken.length, folded.length], i % 2 === 0 ? [1, 2] : [0, 0], `step ${i}`);
      assert.ok(!next.diagnostics.some((d) => d.code === 'ip-duplicate'), `step ${i}`);
      previous = next;
    }
  });

  it('an address made a duplicate re-runs the address rules and reports it', () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const first = analyze(ws, topologyDeclarations());
    assert.equal(first.diagnostics.filter((d) => d.code === 'ip-duplicate').length, 0);
    const text = v4[lxcFile]!;
    const ips = [...text.matchAll(/ip: (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]!);
    assert.ok(ips.length >= 2, `${lxcFile} holds two addresses`);
    const edited = text.replace(`ip: ${ips[1]}`, `ip: ${ips[0]}`);
    ws.setOverlay(lxcFile, edited);
    const second = analyze(ws, topologyDeclarations(), { previous: first });
    assert.ok(!second.reused.includes('ip-duplicate'));
    assert.ok(second.reused.includes('dependency-cycle'));
    assert.ok(second.diagnostics.some((d) => d.code === 'ip-duplicate'));
    assert.deepEqual(second.diagnostics, fromScratch({ ...v4, [lxcFile]: edited }).diagnostics);
  });

  it('a rule run again whole keeps the objects of its unchanged findings, and a file whose diagnostics did not change keeps its list', () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const host = new AnalysisHost(ws, topologyDeclarations());
    const first = host.analyze();
    const text = v4[lxcFile]!;
    const ip = /ip: (\d+\.\d+\.\d+)\.(\d+)/.exec(text)!;
    const edited = text.replace(ip[0], `ip: ${ip[1]}.${Number(ip[2]) + 100}`);
    ws.setOverlay(lxcFile, edited);
    const second = host.analyze();
    assert.ok(!second.reused.includes('service-ip-redundant'), 'the edit re-runs service-ip-redundant, a rule over the whole model');
    const before = first.state!.runs.get('service-ip-redundant')!.findings;
    const after = second.state!.runs.get('service-ip-redundant')!.findings;
    // Findings that name no place in the edited file, and say what they said.
    const elsewhere = (f: Finding) => f.span.file !== lxcFile && !(f.related ?? []).some((r) => r.span.file === lxcFile);
    const unchanged = after.filter((f) => elsewhere(f) && before.some((g) => sameFinding(f, g)));
    assert.ok(unchanged.length >= 3, `only ${unchanged.length} unchanged findings`);
    for (const f of unchanged) assert.ok(before.includes(f), `${f.span.file}: ${f.message} is a new object`);
    const files = new Set(unchanged.map((f) => f.span.file));
    for (const file of files) assert.equal(second.byFile.get(file), first.byFile.get(file), `${file}: a new diagnostics list`);
    assert.deepEqual(second.diagnostics, fromScratch({ ...v4, [lxcFile]: edited }).diagnostics);
  });

  it('findings carried over move with the text: a comment line added above them shifts them down one line', () => {
    const broken = sampleFiles('sample-broken');
    const ws = new Workspace(new MemoryFileSystem(broken));
    const first = analyze(ws, topologyDeclarations());
    const file = first.diagnostics.find((d) => d.code === 'ref-unknown')!.file;
    ws.setOverlay(file, `# a comment\n${broken[file]}`);
    const second = analyze(ws, topologyDeclarations(), { previous: first });
    assert.ok(second.reused.includes('ref-unknown'));
    const before = first.diagnostics.filter((d) => d.file === file && d.code === 'ref-unknown');
    const after = second.diagnostics.filter((d) => d.file === file && d.code === 'ref-unknown');
    assert.deepEqual(
      after.map((d) => d.range.start.line),
      before.map((d) => d.range.start.line + 1),
    );
  });

  it("a ref edited in one file re-checks that file's refs only; the other refs keep their findings", () => {
    const broken = sampleFiles('sample-broken');
    const ws = new Workspace(new MemoryFileSystem(broken));
    // One host across both analyses: it keeps the rule's findings by ref.
    const host = new AnalysisHost(ws, topologyDeclarations());
    const first = host.analyze();
    const unknown = first.diagnostics.filter((d) => d.code === 'ref-unknown');
    assert.ok(unknown.length >= 2);
    const file = Object.keys(broken).find((p) => p !== unknown[0]!.file && /L[45]/.test(p) && /_ref: [a-z]/.test(broken[p]!))!;
    const edited = broken[file]!.replace(/(_ref: )([a-z][a-z0-9-]*)/, '$1$2-gone');
    ws.setOverlay(file, edited);
    let resolved = 0;
    let inRule = false;
    const check = refUnknown.check;
    const resolve = TopologyModel.prototype.resolve;
    refUnknown.check = (ref, ctx) => {
      inRule = true;
      try {
        check.call(refUnknown, ref, ctx);
      } finally {
        inRule = false;
      }
    };
    TopologyModel.prototype.resolve = function (this: TopologyModel, ref) {
      if (inRule) resolved++;
      return resolve.call(this, ref);
    };
    let second: Analysis;
    try {
      second = host.analyze();
    } finally {
      refUnknown.check = check;
      TopologyModel.prototype.resolve = resolve;
    }
    // Refs outside any entity (defaults) are read anew by every analysis, so they are checked too.
    const reread = second.model!.refs.filter((r) => r.node.file === file || !r.from).length;
    assert.ok(resolved > 0 && resolved <= reread, `ref-unknown resolved ${resolved} refs; ${file} and the defaults hold ${reread} of ${second.model!.refs.length}`);
    assert.ok(second.diagnostics.some((d) => d.code === 'ref-unknown' && d.file === file && d.message.includes('-gone')));
    assert.deepEqual(second.diagnostics, fromScratch({ ...broken, [file]: edited }).diagnostics);
  });

  it("a network's only ref pointed elsewhere: entity-unused reports the network, though the edit is in another file", () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const first = analyze(ws, topologyDeclarations());
    const model = first.model!;
    const nets = model.index.ofKind('network');
    const lonely = nets.find((n) => model.referencesTo(n).length === 1 && model.referencesTo(n)[0]!.node.file !== n.node.file)!;
    assert.ok(lonely, 'a network named by one ref in another file');
    const ref = model.referencesTo(lonely)[0]!;
    const other = nets.find((n) => n !== lonely)!;
    const text = v4[ref.node.file]!;
    const edited = text.slice(0, ref.node.start) + other.id + text.slice(ref.node.end);
    ws.setOverlay(ref.node.file, edited);
    const second = analyze(ws, topologyDeclarations(), { previous: first });
    assert.ok(second.diagnostics.some((d) => d.code === 'entity-unused' && d.message.includes(`'${lonely.id}'`)));
    assert.deepEqual(second.diagnostics, fromScratch({ ...v4, [ref.node.file]: edited }).diagnostics);
  });

  it("a network's VLAN changed in its own file: the guests tagged for it elsewhere are checked again", () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const first = analyze(ws, topologyDeclarations());
    assert.equal(first.diagnostics.filter((d) => d.code === 'vlan-mismatch').length, 0);
    const file = 'topology/L2-network/networks/net-servers.yaml';
    const edited = v4[file]!.replace('vlan: 30', 'vlan: 31');
    assert.notEqual(edited, v4[file]);
    ws.setOverlay(file, edited);
    const second = analyze(ws, topologyDeclarations(), { previous: first });
    assert.ok(second.diagnostics.some((d) => d.code === 'vlan-mismatch' && d.file === 'topology/L4-platform.yaml'));
    assert.deepEqual(second.diagnostics, fromScratch({ ...v4, [file]: edited }).diagnostics);
  });

  it('a renamed id changes the shape of the topology: every rule runs again', () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const first = analyze(ws, topologyDeclarations());
    const id = /- id: ([a-z0-9-]+)/.exec(v4[lxcFile]!)![1]!;
    const edited = v4[lxcFile]!.replace(`id: ${id}`, `id: ${id}-renamed`);
    ws.setOverlay(lxcFile, edited);
    const second = analyze(ws, topologyDeclarations(), { previous: first });
    assert.deepEqual(second.reused, []);
    assert.deepEqual(second.diagnostics, fromScratch({ ...v4, [lxcFile]: edited }).diagnostics);
  });

  it('a one-shot check (the CLI) reports what a recorded one does, keeps no state, and leaves later re-checks exact', () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const once = analyze(ws, topologyDeclarations(), { oneShot: true });
    assert.equal(once.state, undefined);
    assert.deepEqual(once.diagnostics, fromScratch(v4).diagnostics);
    // Caches filled without recording count as having read everything: a later re-check stays exact.
    const given = analyze(ws, topologyDeclarations(), { previous: once });
    assert.deepEqual(given.reused, []);
    const r = rng(3);
    const pool = ['lxc-nope', '10.0.30.10/24', 'edit'];
    let previous = given;
    let current = { ...v4 };
    for (let step = 0; step < 12; step++) {
      current = { ...current, [lxcFile]: edit(current[lxcFile]!, pool, r) };
      ws.setOverlay(lxcFile, current[lxcFile]!);
      if (parseYamlFile(lxcFile, current[lxcFile]!).hasSyntaxError) {
        current = { ...current, [lxcFile]: v4[lxcFile]! };
        ws.setOverlay(lxcFile, current[lxcFile]!);
      }
      previous = analyze(ws, topologyDeclarations(), { previous });
      assert.deepEqual(previous.diagnostics, fromScratch(current).diagnostics, `step ${step}`);
    }
  });

  it('other rule settings or another workspace: nothing is carried over', () => {
    const ws = new Workspace(new MemoryFileSystem(v4));
    const first = analyze(ws, topologyDeclarations());
    assert.deepEqual(analyze(ws, topologyDeclarations(), { previous: first, rules: { 'ip-duplicate': 'warning' } }).reused, []);
    assert.deepEqual(analyze(new Workspace(new MemoryFileSystem(v4)), topologyDeclarations(), { previous: first }).reused, []);
  });
});
