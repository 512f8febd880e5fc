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
const L2 = 'topology/L2-network.yaml';
const L5 = 'topology/L5-application.yaml';
const NETWORKS = 'topology/L2-network/networks';

/** A workspace with a ref-unknown, the fix applied to it, and what files then hold: the whole text, or a pattern in it. */
interface FixCase {
  name: string;
  files: Record<string, string>;
  fix: string;
  after: Record<string, string | RegExp>;
}

const CASES: FixCase[] = [
  {
    name: 'replaces the value with a did-you-mean candidate (quotes kept)',
    files: { [L2]: 'networks:\n- id: net-servers\n  name: Servers\n', [L5]: "services:\n- id: svc-a\n  name: A\n  network_ref: 'net-server'\n" },
    fix: "Replace with 'net-servers'",
    after: { [L5]: /network_ref: 'net-servers'/ },
  },
  {
    name: 'creates a list entity after the last of its kind, with its indentation',
    files: { [L2]: 'networks:\n  - id: net-servers\n    name: Servers\n\n# end\n', [L5]: 'services:\n- id: svc-a\n  name: A\n  network_ref: net-lab\n' },
    fix: "Create network 'net-lab'",
    after: { [L2]: 'networks:\n  - id: net-servers\n    name: Servers\n  - id: net-lab\n    name: net-lab\n\n# end\n' },
  },
  {
    name: 'creates a map-keyed entity (trust zones are keyed by id)',
    files: { [L2]: 'trust_zones:\n  servers:\n    name: Servers\nnetworks:\n- id: net-a\n  name: A\n  trust_zone_ref: dmz\n', [L5]: 'services: []\n' },
    fix: "Create trust zone 'dmz'",
    after: { [L2]: / {2}servers:\n {4}name: Servers\n {2}dmz:\n {4}name: dmz\n/ },
  },
  {
    name: 'creates a new file in a one-file-per-entity folder, and lists it in its _index.yaml',
    files: {
      [L2]: 'networks: !include L2-network/networks/_index.yaml\n',
      [`${NETWORKS}/_index.yaml`]: '# networks\n- !include net-a.yaml\n- !include net-b.yaml\n',
      [`${NETWORKS}/net-a.yaml`]: 'id: net-a\nname: A\n',
      [`${NETWORKS}/net-b.yaml`]: 'id: net-b\nname: B\n',
      [L5]: 'services:\n- id: svc-a\n  name: A\n  network_ref: net-c\n',
    },
    fix: "Create network 'net-c'",
    after: {
      [`${NETWORKS}/net-c.yaml`]: 'id: net-c\nname: net-c\n',
      [`${NETWORKS}/_index.yaml`]: '# networks\n- !include net-a.yaml\n- !include net-b.yaml\n- !include net-c.yaml\n',
    },
  },
];

describe('ref-unknown quick fixes', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const after = assertFixes({ 'topology.yaml': ROOT, ...c.files }, c.fix);
      for (const [path, want] of Object.entries(c.after)) {
        if (typeof want === 'string') assert.equal(after[path], want, path);
        else assert.match(after[path] ?? '', want, path);
      }
    });
  }
});
