import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { refEdit } from '../../bench/edits';
import { SHAPES, shapedWorkspace } from '../../bench/shapes';
import { parseSize } from '../../bench/shapes-bench';

// The benchmark's workspaces are what it says they are: a check of each finds every entity, the v4.0
// shape puts its services and most findings in one big file, and the benchmark's edit changes findings.
describe('benchmark workspace shapes', () => {
  for (const shape of SHAPES) {
    it(`${shape}: loads whole, and the edit in the big and the small file changes their findings`, () => {
      const ws = shapedWorkspace(shape, 1000);
      const workspace = new Workspace(new MemoryFileSystem(ws.files));
      const a = analyze(workspace, topologyDeclarations());
      assert.ok((a.model?.entities.length ?? 0) >= 1000, `${a.model?.entities.length} entities`);
      assert.deepEqual(
        a.diagnostics.filter((d) => d.code.startsWith('include-') || d.code === 'yaml-syntax'),
        [],
      );
      // Something to publish at start: the language server publishes only files with findings.
      assert.ok(a.diagnostics.length > 0);
      for (const file of [ws.big, ws.small]) {
        const [from, to] = refEdit(ws.files[file]!).step();
        workspace.setOverlay(file, ws.files[file]!.replace(from, to));
        const b = analyze(workspace, topologyDeclarations(), { previous: a });
        workspace.clearOverlay(file);
        const inFile = (x: typeof a) => JSON.stringify(x.diagnostics.filter((d) => d.file === file));
        assert.notEqual(inFile(b), inFile(a), file);
      }
      if (shape === 'v4') {
        const big = a.diagnostics.filter((d) => d.file === ws.big);
        assert.equal(ws.big, 'topology/L5-application/services.yaml');
        assert.ok(big.length >= 4 * 340, `${big.length} findings in the big file`);
        assert.ok(a.diagnostics.length > 2 * 1000, `${a.diagnostics.length} findings`);
        assert.ok(big.some((d) => d.code === 'service-ip-conflict') && big.some((d) => d.code === 'service-ip-redundant'));
      }
      if (shape === 'dir-sorted') assert.ok(Object.keys(ws.files).length > 1000);
    });
  }

  it('reads sizes as 1k, 10k, 50k or plain numbers', () => {
    assert.deepEqual(['1k', '10k', '50k', '2500', '1.5k'].map(parseSize), [1000, 10000, 50000, 2500, 1500]);
    assert.throws(() => parseSize('ten'));
  });
});
