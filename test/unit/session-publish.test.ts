import * as assert from 'node:assert/strict';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { Diagnostic } from '../../server/src/core/types';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { LiveSession } from '../../server/src/lsp/session';
import { findingAt } from '../../server/src/core/features/code-actions';
import { refEdit } from '../../bench/edits';
import { shapedWorkspace } from '../../bench/shapes';

// A file republished after an edit sends its unchanged findings as the objects it sent before (their
// protocol form and JSON are made once), the changed ones anew, and loses none.
describe('live session publishing', () => {
  it('republishes an edited file with its unchanged diagnostics as the same objects', () => {
    const ws = shapedWorkspace('v4', 200);
    const file = ws.big;
    const sent: Diagnostic[][] = [];
    const session = new LiveSession(new MemoryFileSystem(ws.files), topologyDeclarations(), { publish: (p, d) => void (p === file && sent.push(d)), log: () => undefined }, 0);
    session.flush();
    const [from, to] = refEdit(ws.files[file]!).step();
    session.change(file, ws.files[file]!.replace(from, to), 2);
    session.flush();
    session.dispose();
    assert.equal(sent.length, 2);
    const [before, after] = sent as [Diagnostic[], Diagnostic[]];
    const kept = after.filter((d) => before.includes(d));
    assert.ok(kept.length > 0.9 * before.length, `${kept.length} of ${before.length} kept`);
    assert.ok(kept.length < after.length, 'the changed findings are new');
    // Nothing lost: what was sent equals what the analysis found.
    assert.deepEqual(
      after,
      session.current()!.diagnostics.filter((d) => d.file === file),
    );
  });

  it('folds the hints of one rule in a file with thousands of them into one diagnostic that lists each; never errors', () => {
    const ws = shapedWorkspace('v4', 2000);
    const file = ws.big;
    const sent: Diagnostic[][] = [];
    const session = new LiveSession(new MemoryFileSystem(ws.files), topologyDeclarations(), { publish: (p, d) => void (p === file && sent.push(d)), log: () => undefined }, 0);
    session.flush();
    const found = session.current()!.diagnostics.filter((d) => d.file === file);
    const published = sent.at(-1)!;
    assert.ok(found.length > 1000 && published.length < 100, `${found.length} findings published as ${published.length}`);
    // Every finding is published: as itself, or as an entry of the related information of its rule's fold.
    const listed = new Set(published.flatMap((d) => [d, ...(d.related ?? [])].map((x) => `${JSON.stringify(x.range)} ${x.message.split('\n')[0]}`)));
    for (const d of found) assert.ok(listed.has(`${JSON.stringify(d.range)} ${d.message}`), `${d.code} at line ${d.range.start.line} is published`);
    const errors = found.filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.ok(errors.length > 0);
    for (const e of errors) assert.ok(published.includes(e), 'errors and warnings are published one by one');
    // A quick fix asked for on a folded finding's line is asked for that finding too.
    const hidden = found.find((d) => d.code === 'deprecated-field' && !published.some((p) => p.range.start.line === d.range.start.line))!;
    assert.ok(hidden, 'a folded finding alone on its line');
    const asked = session.foldedOn(file, hidden.range.start.line);
    assert.ok(
      asked.some((r) => findingAt(found, file, r) === hidden),
      'the folded finding is among those asked about',
    );
    // Folding off: every finding on its own again, republished at once.
    session.setFoldAbove(0);
    assert.deepEqual(sent.at(-1), found);
    session.dispose();
  });
});
