import * as assert from 'node:assert/strict';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { LiteralText, yamlFile, yamlString } from '../../../generators/emit/yaml';
import { mdCode, mdText } from '../../../generators/emit/markdown';
import { Flowchart, mermaidLabel } from '../../../generators/emit/mermaid';
import { checkMarkdown, checkMermaid, mermaidBlocks } from '../../helpers/mermaid-check';
import { generate } from '../../helpers/generate';

const NASTY = [
  'say "hi"',
  "it's",
  'cost ${x}',
  '%{ if }',
  'a\nb: injected',
  'back\\slash',
  'key: value',
  '# comment',
  '- item',
  '&anchor',
  '*alias',
  '!tag',
  '---',
  '...',
  'yes',
  'off',
  'null',
  '~',
  '16',
  '0x1F',
  '1e3',
  '2025-10-06',
  '',
  ' leading',
  'trailing ',
  '{{ vault_x }}',
  '[a, b]',
  '{a: 1}',
  '@at',
  '`tick`',
  '|',
  '>',
  '%percent',
  '\t\u0001ctrl',
  '✓ \u2028',
];

describe('generators: YAML escaping', () => {
  for (const s of NASTY) {
    it(`${JSON.stringify(s)} round-trips as one string value`, () => {
      const text = yamlFile('# header', { key: s, list: [s], [s || 'empty']: 1, after: 'intact' });
      const docs = parseAllDocuments(text);
      assert.equal(docs.length, 1, 'one document');
      assert.deepEqual(docs[0]!.errors, []);
      const v = docs[0]!.toJS();
      assert.equal(v.key, s);
      assert.deepEqual(v.list, [s]);
      assert.equal(v[s || 'empty'], 1);
      assert.equal(v.after, 'intact');
      assert.deepEqual(Object.keys(v).sort(), ['after', 'key', 'list', s || 'empty'].sort(), 'no injected keys');
    });
  }

  it('plain scalars only where YAML cannot read them as something else', () => {
    assert.equal(yamlString('lxc-postgresql'), 'lxc-postgresql');
    assert.equal(yamlString('10.0.30.10'), '"10.0.30.10"');
    assert.equal(yamlString('no'), '"no"');
  });

  it('free text with template syntax is tagged !unsafe', () => {
    assert.match(yamlFile('#', { d: new LiteralText('{{ x }}') }), /d: !unsafe "\{\{ x \}\}"/);
    assert.match(yamlFile('#', { d: new LiteralText('plain text') }), /d: plain text/);
  });

  it('every generated YAML file parses', async () => {
    for (const sample of ['sample-v4', 'sample-refactored']) {
      const { files } = await generate(sample);
      for (const f of files.values()) if (f.path.endsWith('.yml')) assert.doesNotThrow(() => parseYaml(f.content), f.path);
    }
  });
});

describe('generators: Markdown and Mermaid', () => {
  it('every Mermaid block of the docs passes the strict grammar check, and the Markdown is well formed', async () => {
    for (const sample of ['sample-v4', 'sample-refactored']) {
      const { files } = await generate(sample);
      let blocks = 0;
      for (const f of files.values()) {
        if (!f.path.endsWith('.md')) continue;
        assert.deepEqual(checkMarkdown(f.content), [], f.path);
        for (const b of mermaidBlocks(f.content)) {
          blocks++;
          assert.deepEqual(checkMermaid(b), [], `${f.path}:\n${b}`);
        }
      }
      assert.ok(blocks >= 6, `${sample}: diagrams for overview, network, trust zones, storage, dependencies (${blocks})`);
    }
  });

  it('labels and ids built from hostile text stay inside the grammar', () => {
    const chart = new Flowchart('LR');
    chart.node('end', 'a "quoted" <b>label</b> | #1; `x` [y] {z} (w)\nnext');
    chart.node('a-b.c', 'x');
    chart.edge('end', 'a-b.c', 'needs "it" --> now');
    chart.subgraph('g"1', 'title ]"', () => chart.node('inner', 'in'));
    const block = mermaidBlocks(chart.toString())[0]!;
    assert.deepEqual(checkMermaid(block), []);
    assert.equal(mermaidLabel('a"b'), '"a#34;b"');
  });

  it('table cells and text escape Markdown, HTML and pipes', () => {
    assert.equal(mdText('a | b <script>*x*</script>\nc'), 'a \\| b \\<script\\>\\*x\\*\\</script\\> c');
    assert.equal(mdCode('has `tick`'), '`` has `tick` ``', 'a longer fence, padded because the text ends with a backtick');
    assert.deepEqual(checkMarkdown(`| a | b |\n|---|---|\n| ${mdText('x|y')} | ${mdCode('p|q')} |\n`), []);
  });

  it('the docs cover IP allocation (used, free, DHCP), storage chains, data assets and deploy order', async () => {
    const { files } = await generate('sample-refactored');
    const ip = files.get('docs/ip-allocation.md')!.content;
    assert.match(ip, /\| `net-servers` \| 10\.0\.30\.0\/24 \| 10\.0\.30\.1 \| 30 \| servers \| 5 \| 199 \| 50 \(10\.0\.30\.200-10\.0\.30\.249\) \|/);
    const storage = files.get('docs/storage.md')!.content;
    assert.match(storage, /n_vg_2d_pve --> n_lv_2d_pve_2d_data/);
    assert.match(storage, /n_lv_2d_pve_2d_data --> n_se_2d_lvm/);
    const data = files.get('docs/data-assets.md')!.content;
    assert.match(
      data,
      /\| `data-postgresql-db` \| PostgreSQL cluster \| database \| critical \| lxc-postgresql:\/var\/lib\/postgresql on local-lvm \| backup-daily-lxc, backup-hourly-postgresql, backup-offsite-weekly \| svc-postgresql \|/,
    );
    const deps = files.get('docs/service-dependencies.md')!.content;
    const order = deps.slice(deps.indexOf('## Deploy order'));
    assert.ok(order.indexOf('`svc-postgresql`') < order.indexOf('`svc-nextcloud`'), 'PostgreSQL before Nextcloud');
    assert.ok(order.indexOf('`svc-prometheus`') < order.indexOf('`svc-grafana`'), 'Prometheus before Grafana');
  });
});
