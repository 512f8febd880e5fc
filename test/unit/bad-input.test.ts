import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../server/src/node/node-fs';
import { analyzeFiles } from '../helpers/check';

const ROOT = 'L0_meta:\n  version: 4.0.0\nL7_operations: !include ops.yaml\n';
const codes = (files: Record<string, string | Uint8Array>) => analyzeFiles(files).analysis.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.code}:${d.message}`);

describe('bad input never crashes, hangs or silently drops a file', () => {
  it('a binary file: include-invalid at the tag', () => {
    const out = codes({ 'topology.yaml': ROOT, 'ops.yaml': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) });
    assert.equal(out.length, 1);
    assert.match(out[0]!, /^topology\.yaml:2:include-invalid:.*binary file/);
  });

  it('a non-UTF-8 file: include-invalid naming the encoding', () => {
    const out = codes({ 'topology.yaml': ROOT, 'ops.yaml': Uint8Array.from([0x77, 0x3a, 0x20, 0xe9, 0x0a]) });
    assert.match(out.join('\n'), /topology\.yaml:2:include-invalid:.*not valid UTF-8/);
  });

  it('an empty file loads as null, with no finding', () => {
    assert.deepEqual(codes({ 'topology.yaml': ROOT, 'ops.yaml': '' }), []);
  });

  it('a 20 MB file is refused with a finding naming the limit, quickly', () => {
    const big = `workflows:\n${'  - step: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(320_000)}`;
    assert.ok(big.length > 20_000_000);
    const t = Date.now();
    const out = codes({ 'topology.yaml': ROOT, 'ops.yaml': big });
    assert.ok(Date.now() - t < 5000);
    assert.match(out.join('\n'), /topology\.yaml:2:include-invalid:.*MB, over the 8 MB limit/);
  });

  it('an include chain 500 files deep loads to its end', () => {
    const files: Record<string, string> = { 'topology.yaml': 'L7_operations:\n  workflows: !include c/0.yaml\n' };
    for (let i = 0; i < 500; i++) files[`c/${i}.yaml`] = i < 499 ? `next: !include ${i + 1}.yaml\n` : 'end: true\n';
    const { analysis } = analyzeFiles(files);
    assert.deepEqual(analysis.diagnostics, []);
    assert.equal(analysis.files.length, 501);
  });

  it('malformed YAML in one file: a syntax finding there, the rest still analysed', () => {
    const out = codes({
      'topology.yaml': 'L1_foundation: !include l1.yaml\nL2_network:\n  networks:\n  - id: net-a\n    trust_zone_ref: nowhere\n',
      'l1.yaml': 'devices:\n- id: [\n',
    });
    assert.ok(out.some((l) => l.startsWith('l1.yaml:') && l.includes(':yaml-syntax:')));
    assert.ok(out.some((l) => l.startsWith('topology.yaml:4:ref-unknown:')));
  });

  it('an unclosed flow collection: the error on its opening bracket, where the parser noticed it related', () => {
    const files = { 'topology.yaml': 'L0_meta:\n  version: 4.0.0\n  metadata:\n    tags: [a, [c\n    owner: x\n' };
    const diags = analyzeFiles(files).analysis.diagnostics;
    const message = 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]';
    // Two brackets left open: one finding, on the outer one; the inner one's follows from it.
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start, d.message, d.related?.map((r) => [r.range.start, r.message])]),
      [
        [
          'yaml-syntax',
          { line: 3, character: 10 },
          message,
          [
            [{ line: 4, character: 4 }, 'The parser noticed the missing bracket here.'],
            [{ line: 3, character: 14 }, `Follows from this (yaml-syntax): ${message}`],
          ],
        ],
      ],
    );
  });

  it('a file that is both included and a directory: include-invalid with the tag to use', () => {
    const out = codes({ 'topology.yaml': 'L7_operations: !include ops\n', 'ops/a.yaml': 'x: 1\n' });
    assert.match(out.join('\n'), /include-invalid:.*is a directory.*!include_dir_sorted ops/);
  });

  describe('on disk', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'strata-bad-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const run = () => analyze(new Workspace(new NodeFileSystem(join(dir, 'ws'))), topologyDeclarations()).diagnostics.map((d) => `${d.file}:${d.code}:${d.message}`);

    it('a symlink loop: include-invalid, no hang', () => {
      mkdirSync(join(dir, 'ws'));
      writeFileSync(join(dir, 'ws/topology.yaml'), 'L7_operations: !include loop-a.yaml\nL6_observability:\n  alerts: !include_dir_sorted loops\n');
      symlinkSync('loop-b.yaml', join(dir, 'ws/loop-a.yaml'));
      symlinkSync('loop-a.yaml', join(dir, 'ws/loop-b.yaml'));
      mkdirSync(join(dir, 'ws/loops'));
      symlinkSync('.', join(dir, 'ws/loops/self'));
      const out = run();
      assert.match(out.join('\n'), /topology\.yaml:include-invalid:.*symbolic link loop/);
    });

    it('a symlink that leads outside the workspace is refused, nothing read', () => {
      mkdirSync(join(dir, 'ws'));
      writeFileSync(join(dir, 'secret.yaml'), 'password: hunter2\n');
      writeFileSync(join(dir, 'ws/topology.yaml'), 'L7_operations: !include escape.yaml\n');
      symlinkSync(join(dir, 'secret.yaml'), join(dir, 'ws/escape.yaml'));
      assert.deepEqual(run(), ['topology.yaml:include-outside-root:`escape.yaml` resolves (through a link) outside the workspace; nothing was read.']);
    });
  });
});
