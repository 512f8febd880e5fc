import * as assert from 'node:assert/strict';
import { refUnknownFixes } from '../../server/src/core/features/ref-unknown-fixes';
import type { WorkspaceEdit } from '../../server/src/core/features/edits';
import { analyzeFiles } from '../helpers/check';

/** Applies a planned edit to the fixture's files (as the editor would). */
function apply(files: Record<string, string>, edit: WorkspaceEdit): Record<string, string> {
  const out = { ...files };
  for (const c of edit.creates) out[c.path] = c.text;
  const sorted = [...edit.edits].sort((a, b) => b.span.start - a.span.start);
  for (const e of sorted) out[e.span.file] = out[e.span.file]!.slice(0, e.span.start) + e.newText + out[e.span.file]!.slice(e.span.end);
  return out;
}

function fixesFor(files: Record<string, string>) {
  const { analysis } = analyzeFiles(files);
  const d = analysis.diagnostics.find((x) => x.code === 'ref-unknown');
  assert.ok(d, 'the workspace has a ref-unknown');
  const text = files[d.file]!;
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return refUnknownFixes(analysis.model!, { file: d.file, start: offset(d.range.start), end: offset(d.range.end) }, d.data);
}

/** After applying the fix, the workspace has no ref-unknown left. */
function assertFixes(files: Record<string, string>, title: string): Record<string, string> {
  const fix = fixesFor(files).find((f) => f.title === title);
  assert.ok(
    fix,
    `no fix titled ${title}: ${fixesFor(files)
      .map((f) => f.title)
      .join(', ')}`,
  );
  const after = apply(files, fix.edit);
  assert.deepEqual(
    analyzeFiles(after).analysis.diagnostics.filter((d) => d.code === 'ref-unknown' || d.code === 'yaml-syntax'),
    [],
  );
  return after;
}

const ROOT = 'L2_network: !include topology/L2-network.yaml\nL5_application: !include topology/L5-application.yaml\n';

describe('ref-unknown quick fixes', () => {
  it('replaces the value with a did-you-mean candidate (quotes kept)', () => {
    const files = {
      'topology.yaml': ROOT,
      'topology/L2-network.yaml': 'networks:\n- id: net-servers\n  name: Servers\n',
      'topology/L5-application.yaml': "services:\n- id: svc-a\n  name: A\n  network_ref: 'net-server'\n",
    };
    const after = assertFixes(files, "Replace with 'net-servers'");
    assert.match(after['topology/L5-application.yaml']!, /network_ref: 'net-servers'/);
  });

  it('creates a list entity after the last of its kind, with its indentation', () => {
    const files = {
      'topology.yaml': ROOT,
      'topology/L2-network.yaml': 'networks:\n  - id: net-servers\n    name: Servers\n\n# end\n',
      'topology/L5-application.yaml': 'services:\n- id: svc-a\n  name: A\n  network_ref: net-lab\n',
    };
    const after = assertFixes(files, "Create network 'net-lab'");
    assert.equal(after['topology/L2-network.yaml'], 'networks:\n  - id: net-servers\n    name: Servers\n  - id: net-lab\n    name: net-lab\n\n# end\n');
  });

  it('creates a map-keyed entity (trust zones are keyed by id)', () => {
    const files = {
      'topology.yaml': ROOT,
      'topology/L2-network.yaml': 'trust_zones:\n  servers:\n    name: Servers\nnetworks:\n- id: net-a\n  name: A\n  trust_zone_ref: dmz\n',
      'topology/L5-application.yaml': 'services: []\n',
    };
    const after = assertFixes(files, "Create trust zone 'dmz'");
    assert.match(after['topology/L2-network.yaml']!, / {2}servers:\n {4}name: Servers\n {2}dmz:\n {4}name: dmz\n/);
  });

  it('creates a new file in a one-file-per-entity folder, and lists it in its _index.yaml', () => {
    const files = {
      'topology.yaml': ROOT,
      'topology/L2-network.yaml': 'networks: !include L2-network/networks/_index.yaml\n',
      'topology/L2-network/networks/_index.yaml': '# networks\n- !include net-a.yaml\n- !include net-b.yaml\n',
      'topology/L2-network/networks/net-a.yaml': 'id: net-a\nname: A\n',
      'topology/L2-network/networks/net-b.yaml': 'id: net-b\nname: B\n',
      'topology/L5-application.yaml': 'services:\n- id: svc-a\n  name: A\n  network_ref: net-c\n',
    };
    const after = assertFixes(files, "Create network 'net-c'");
    assert.equal(after['topology/L2-network/networks/net-c.yaml'], 'id: net-c\nname: net-c\n');
    assert.equal(after['topology/L2-network/networks/_index.yaml'], '# networks\n- !include net-a.yaml\n- !include net-b.yaml\n- !include net-c.yaml\n');
  });
});
