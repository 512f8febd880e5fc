import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readBlockYaml, type BlockReadResult } from '../../server/src/core/workspace/block-yaml/reader';
import { Unsupported } from '../../server/src/core/workspace/block-yaml/scalars';
import { MAX_EXPANDED_NODES, parseWithYaml, parseYamlFile } from '../../server/src/core/workspace/parse-file';
import { syntheticWorkspace } from '../../bench/synthetic';
import { mutateYaml, randomYaml } from '../helpers/random-yaml';
import { rng } from '../helpers/rng';

const fixtures = resolve(__dirname, '../../../test-fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

/** The block reader's tree, or undefined where it leaves the text to the full parser. */
function block(text: string): BlockReadResult | undefined {
  try {
    return readBlockYaml('f.yaml', text, MAX_EXPANDED_NODES);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** Where the block reader reads a text, it must read it exactly as the `yaml` package does. */
function sameAsYaml(text: string, label: string): boolean {
  const b = block(text);
  if (!b) return false;
  const y = parseWithYaml('f.yaml', text);
  assert.deepEqual(
    y.findings.filter((f) => f.rule === 'yaml-syntax'),
    [],
    `${label}: the block reader accepted a text with syntax errors`,
  );
  assert.deepEqual({ root: b.root, findings: b.findings, includes: b.includes }, { root: y.root, findings: y.findings, includes: y.includes }, label);
  return true;
}

describe('block-YAML reader', function () {
  this.timeout(120_000);

  it('reads every fixture file as the yaml package does, and nearly all of them itself', () => {
    const files = yamlFiles(fixtures);
    const read = files.filter((f) => sameAsYaml(readFileSync(f, 'utf8'), f));
    assert.ok(files.length > 400);
    // The few left to yaml: Kubernetes manifests with `---`, block scalars.
    assert.ok(read.length >= files.length - 10, `${files.length - read.length} fixture files left to the full parser`);
    for (const f of yamlFiles(join(fixtures, 'sample-v4'))) assert.ok(block(readFileSync(f, 'utf8')), `${f} is read by the block reader`);
  });

  it('reads every file of a synthetic workspace itself', () => {
    const ws = syntheticWorkspace({ entities: 1000, files: 100 });
    for (const [p, text] of Object.entries(ws)) assert.ok(sameAsYaml(text, p), `${p} is read by the block reader`);
  });

  it('reads 3,000 random documents (comments at every indentation, anchors, merges, flow, quoting) as yaml does', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = randomYaml(seed);
      assert.ok(sameAsYaml(text, `seed ${seed}:\n${text}`), `seed ${seed} is read by the block reader:\n${text}`);
    }
  });

  it('accepts a mutated document only when yaml reads it without errors, and then to the same tree', () => {
    const corpus = [...yamlFiles(join(fixtures, 'sample-v4')).map((f) => readFileSync(f, 'utf8')), ...Array.from({ length: 50 }, (_, i) => randomYaml(10_000 + i))];
    let accepted = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const r = rng(seed);
      let text = corpus[Math.floor(r() * corpus.length)]!;
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) text = mutateYaml(text, r);
      if (sameAsYaml(text, `mutation seed ${seed}:\n${text}`)) accepted++;
    }
    assert.ok(accepted > 1000, `only ${accepted} mutated documents were read by the block reader`);
  });

  // Hand-picked edges: each is read by the block reader exactly as yaml reads it.
  const READ = [
    'x: &m {a: 1}\ny: {<<: *m, b: 2}\n',
    'x: &m {a: 1}\ny: {<<: [*m], b: 2}\n',
    'a: {<<: [1], b: 2}\n',
    'a: {<<: 1}\n',
    'a:\n  <<: [1]\n  b: 2\n',
    'x: &m {a: 1}\na:\n  <<: [*m, 1]\n',
    'a: b, c\n',
    'a: x{y}\n',
    'a: x[0]\n',
    'a: {"k": 1, \'j\': 2}\n',
    'x: &x 1\na: [*x, *x]\n',
    'a: []\nb: {}\n',
    'a: [ ]\n',
    'a: { }\n',
    'a: [a,b]\n',
    'a: {a: 1,b: 2}\n',
    'a: [a, b,]\n',
    'a: [[1]  , {b: c} ]\n',
    'a: "x\\ty"\n',
    "a: 'x\\ty'\n",
    'a: "\\u00e9\\x41"\n',
    '"a": 1\n',
    "'a b': 1\n",
    '- "a": 1\n  b: 2\n',
    '- a: 1\n  "b": 2\n',
    'a: -1\nb: +1\nc: .5\nd: 1e3\ne: 0x1F\nf: 0o17\ng: .inf\nh: -.Inf\ni: .NaN\nj: ~\nk: Null\nl: TRUE\nm: yes\n',
    '1: a\ntrue: b\nnull: c\n~: d\n1.0: e\n',
    'a: b:c\n',
    'a: http://x\n',
    'a: b #c\n',
    'a: b# c\n',
    'a:\n  - b\n  -  c\n',
    'a:\n- b\n-   c\n',
    '-  a: 1\n   b: 2\n',
    'a:   b\n',
    'a: !include  x.yaml\n',
    'a: !include "x y.yaml"  # c\n',
    "a: !include 'q.yaml'\n",
    'a: !include_dir_sorted  d/\n',
    '- !include x\n- !include y\n',
    'a: &x\n  b: 1\nc: *x\n',
    'a: &x [1]\nb: *x\n',
    'a: &x !include f\nb: *x\n',
    'a:\n  - &x 1\n  - *x\n',
    '# only a comment\n',
    '\n\n',
    '',
    'a: 1',
    'a:',
    '- x',
    '-  x  ',
    'a: [1, 2]  # c',
    'a: {}  ',
    'a:\n  b:\n    c: 1\n  # c\n',
    'a:\n  b: 1\n\n  # c\n\n',
    'k:\n  # c\n  - x\n',
    'a: x\n  # deep\n# shallow\nb: y\n',
    'a: # c\n  # d\nb: 1\n',
  ];
  // ...and each of these is left to yaml (a construct outside the subset, or an error yaml words).
  const LEFT = ['a: [*x]\n', 'a: {k: }\n', 'a: "\\q"\n', 'a: |\n  x\n', 'a: >-\n  x\n', 'a: one\n  two\n', 'a: "one\n  two"\n', '? a\n: b\n', 'a: !!str 1\n', '--- \na: 1\n'];

  it('reads hand-picked edge cases exactly as yaml does, and leaves the others to it', () => {
    for (const text of READ) assert.ok(sameAsYaml(text, JSON.stringify(text)), `${JSON.stringify(text)} is read by the block reader`);
    for (const text of LEFT) assert.equal(block(text), undefined, JSON.stringify(text));
  });

  it('reads CRLF files as yaml does (ranges end before the \\r), and leaves a lone \\r to yaml', () => {
    const text = 'a: 1\r\nb:\r\n  - x  # c\r\n  - "y"\r\n\r\n# tail\r\nc:\r\n';
    assert.ok(sameAsYaml(text, 'crlf'));
    const b = block(text)!;
    assert.equal(b.root?.kind, 'map');
    assert.equal(text.slice(b.root.entries[1]!.value.start, b.root.entries[1]!.value.end), '- x  # c\r\n  - "y"\r\n');
    assert.equal(block('a: 1\rb: 2\n'), undefined);
  });

  it('leaves what it does not read to the yaml package, whose findings the file then gets', () => {
    const cases: [string, string | undefined][] = [
      ['a: |\n  text\n', undefined],
      ['a: one\n  two\n', undefined],
      ['a:\n\t- x\n', 'yaml-syntax'],
      ['---\na: 1\n', undefined],
      ['a: [1, 2\n', 'yaml-syntax'],
      ['a: b: c\n', 'yaml-syntax'],
      ['a: !Ref x\n', undefined],
      ['a: *missing\n', 'yaml-syntax'],
      ['a: &x\n  b: *x\n', 'yaml-alias-limit'],
    ];
    for (const [text, rule] of cases) {
      assert.equal(block(text), undefined, text);
      const parsed = parseYamlFile('f.yaml', text);
      assert.deepEqual(parsed, parseWithYaml('f.yaml', text), text);
      if (rule)
        assert.ok(
          parsed.findings.some((f) => f.rule === rule),
          `${text}: ${rule}`,
        );
    }
  });

  it('reports duplicate keys itself, with the earlier key as related information', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    assert.ok(block(text));
    const { findings } = parseYamlFile('f.yaml', text);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.span.start, f.related?.[0]?.span.start]),
      [['yaml-duplicate-key', 10, 0]],
    );
  });

  it('leaves an alias bomb to the full path, which refuses it with one finding', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const text = `${lines.join('\n')}\n`;
    assert.equal(block(text), undefined);
    assert.equal(parseYamlFile('f.yaml', text).findings.filter((f) => f.rule === 'yaml-alias-limit').length, 1);
  });
});
