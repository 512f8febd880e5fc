import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { YAML_PUNCTUATION } from '../helpers/random-yaml';
import { rng } from '../helpers/rng';

const SNIPPETS = [
  ...YAML_PUNCTUATION,
  '*nope',
  '<<: *a\n',
  '!include ',
  '!include ../../x.yaml',
  '!include_dir_sorted .',
  '\t',
  '"',
  "'",
  '#',
  '\n',
  '  ',
  '? ',
  '|\n',
  '>-\n',
  '---\n',
  '...\n',
  '\u0000',
  '\ufeff',
  'id: dup\n',
  'null',
  '~',
  '0x1F',
  '10.0.30.0/33',
  '%YAML 1.1\n',
  '!!binary AA==',
  '- !include topology.yaml\n',
];

function sampleFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function mutate(text: string, r: () => number): string {
  const pos = Math.floor(r() * (text.length + 1));
  const op = Math.floor(r() * 6);
  const len = Math.floor(r() * 40);
  const lines = text.split('\n');
  switch (op) {
    case 0:
      return text.slice(0, pos) + text.slice(pos + len);
    case 1:
      return text.slice(0, pos) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(pos);
    case 2: {
      const i = Math.floor(r() * lines.length);
      lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? '');
      return lines.join('\n');
    }
    case 3: {
      const i = Math.floor(r() * lines.length);
      lines[i] = ' '.repeat(Math.floor(r() * 6)) + (lines[i] ?? '').trimStart();
      return lines.join('\n');
    }
    case 4:
      return text.slice(0, pos);
    default:
      return text.slice(0, pos) + String.fromCharCode(Math.floor(r() * 0x3000)) + text.slice(pos);
  }
}

describe('fuzz: random mutations of the samples', function () {
  this.timeout(120_000);
  const CASES = Number(process.env.STRATA_FUZZ_CASES ?? 2500);
  it(`${CASES} mutated workspaces (seed 26), no exception escapes the core`, () => {
    const base = resolve(__dirname, '../../../test-fixtures');
    const samples = readdirSync(base)
      .filter((d) => d.startsWith('sample-'))
      .map((d) => sampleFiles(join(base, d)));
    assert.ok(samples.length >= 1);
    const r = rng(26);
    const started = Date.now();
    // One workspace per sample: unchanged files stay parsed, each case overlays its mutated files.
    const workspaces = samples.map((files) => ({ ws: new Workspace(new MemoryFileSystem(files)), paths: Object.keys(files).filter((p) => p.endsWith('.yaml')) }));
    for (let c = 0; c < CASES; c++) {
      const { ws, paths } = workspaces[c % workspaces.length]!;
      const touched: string[] = [];
      const victims = 1 + Math.floor(r() * 3);
      for (let v = 0; v < victims; v++) {
        const p = paths[Math.floor(r() * paths.length)]!;
        let t = ws.readText(p).text ?? '';
        for (let k = 0; k < 1 + Math.floor(r() * 4); k++) t = mutate(t, r);
        ws.setOverlay(p, t);
        touched.push(p);
      }
      try {
        const a = analyze(ws, topologyDeclarations());
        for (const d of a.diagnostics) assert.ok(d.range.start.line >= 0 && d.code.length > 0);
      } catch (err) {
        assert.fail(`case ${c}: ${err instanceof Error ? err.stack : String(err)}`);
      }
      for (const p of touched) ws.clearOverlay(p);
    }
    assert.ok(Date.now() - started < 120_000);
  });
});
