import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analysis';
import { complete, MAX_COMPLETIONS, refCompletions } from '../../server/src/core/features/completion';
import { entityLabel, kindLabel } from '../../server/src/core/features/entity-facts';
import { yamlCursor } from '../../server/src/core/features/yaml-cursor';
import type { RefSpec } from '../../server/src/core/model/declarations';
import type { Entity } from '../../server/src/core/model/extract';
import type { TopologyModel } from '../../server/src/core/model/model';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { fuzzyScore } from '../../server/src/core/text/similar';
import { get, str } from '../../server/src/core/workspace/nodes';
import { analyzeFiles } from '../helpers/check';

/**
 * Ref completion ranks ids through an order sorted once per set of ids. Its answers are held to
 * the plain reading: every candidate entity scored against what is typed, sorted by score, then
 * the collator, then code units, the first `MAX_COMPLETIONS` kept.
 */

const LONG = 'a'.repeat(986);

function workspace(): Record<string, string> {
  const devices = Array.from({ length: 30 }, (_, i) => {
    const cls = ['network', 'compute', 'power'][i % 3];
    const substrate = i % 4 === 0 ? 'provider-instance' : 'baremetal-owned';
    const slots = Array.from({ length: 1 + (i % 3) }, (_, j) => `    - id: slot-s${j}\n      bus: sata\n`).join('');
    return `- id: dev-${i}\n  name: Device ${i}\n  type: hypervisor\n  class: ${cls}\n  substrate: ${substrate}\n  specs:\n    storage_slots:\n${slots}  interfaces:\n  - id: if-${i}-eth0\n    name: eth0\n    type: ethernet\n`;
  }).join('');
  const lxcIds = [
    ...Array.from({ length: 700 }, (_, i) => (i % 7 === 3 ? `LXC-Mixed${i}` : `lxc-c${i}`)),
    // Prefix matches long enough that a fuzzy match outscores them.
    ...Array.from({ length: 210 }, (_, i) => `zz${LONG}${i}`),
    ...Array.from({ length: 5 }, (_, i) => `x-zz${i}`),
    'lxc-c5',
    'dev-3',
    'lxc-Ä',
    'lxc-a',
    'lxc-A',
  ];
  const lxc = lxcIds.map((id, i) => `- id: ${id}\n  vmid: ${1000 + i}\n  name: c${i}\n  device_ref: dev-1\n`).join('');
  const vms = [...Array.from({ length: 50 }, (_, i) => `vm-${i}`), 'lxc-c7'].map((id, i) => `- id: ${id}\n  vmid: ${5000 + i}\n  name: v${i}\n  device_ref: dev-1\n`).join('');
  return {
    'topology.yaml': 'L1_foundation: !include topology/L1-foundation.yaml\nL4_platform: !include topology/L4-platform.yaml\nL5_application: !include topology/L5-application.yaml\n',
    'topology/L1-foundation.yaml': `devices:\n${devices}`,
    'topology/L4-platform.yaml': `lxc:\n${lxc}vms:\n${vms}`,
    'topology/L5-application.yaml': 'services:\n- id: svc-a\n  name: A\n  lxc_ref: lxc-c1\n',
  };
}

/** The plain reading of ref completion: what the kinds hold, narrowed, scored, sorted. */
function plain(model: TopologyModel, spec: RefSpec, siblings: Map<string, string>, owners: { kind: string; id: string }[], typed: string) {
  const chooser = spec.kindFrom ? siblings.get(spec.kindFrom.field) : undefined;
  const chosen = chooser !== undefined ? spec.kindFrom?.kinds[chooser] : undefined;
  const ownerNamed = spec.ownedBy ? siblings.get(spec.ownedBy) : undefined;
  const where = (e: Entity) =>
    Object.entries(spec.where ?? {}).every(([f, allowed]) => allowed.includes(str(get(e.node, f)) ?? '\0')) &&
    Object.entries(spec.whereNot ?? {}).every(([f, banned]) => !banned.includes(str(get(e.node, f)) ?? '\0'));
  const byId = new Map<string, Entity>();
  for (const kind of chosen ? [chosen] : spec.kinds) {
    let list: Entity[];
    if (model.index.isScoped(kind)) {
      const scope = model.declarations.kinds.get(kind)?.decls[0]?.scope;
      const ownerId = ownerNamed ?? [...owners].reverse().find((o) => o.kind === scope)?.id;
      list = model.index.ids(kind, ownerId).map((id) => model.index.find(kind, id, ownerId)[0]!);
    } else list = model.index.ofKind(kind).filter((e) => ownerNamed === undefined || !e.owner || e.owner.id === ownerNamed);
    for (const e of list) if (where(e) && !byId.has(e.id)) byId.set(e.id, e);
  }
  const collator = new Intl.Collator();
  const scored = [...byId.values()].map((e) => [e, fuzzyScore(typed, e.id)] as const).filter(([, s]) => s >= 0);
  scored.sort(([a, x], [b, y]) => y - x || collator.compare(a.id, b.id) || (a.id < b.id ? -1 : 1));
  const items = scored.slice(0, MAX_COMPLETIONS).map(([e], i) => {
    const label = entityLabel(e);
    return { label: e.id, detail: label ? `${kindLabel(e.kind)}: ${label}` : kindLabel(e.kind), description: e.idSpan.file, sortText: String(i).padStart(4, '0') };
  });
  return { items, incomplete: scored.length > MAX_COMPLETIONS };
}

describe('ref completion ranking', () => {
  const files = workspace();
  const { analysis, ws } = analyzeFiles(files);
  const model = analysis.model!;

  it('gives what the plain reading gives, for each kind of ref and what is typed', () => {
    const specs: [string, RefSpec, Record<string, string>, { kind: string; id: string }[]][] = [
      ['lxc', { kinds: ['lxc'] }, {}, []],
      ['any runtime', { kinds: ['lxc', 'vm', 'device'] }, {}, []],
      ['runtime by type', { kinds: ['lxc', 'vm', 'device'], kindFrom: { field: 'type', kinds: { lxc: 'lxc', vm: 'vm' } } }, { type: 'vm' }, []],
      ['network devices', { kinds: ['device'], where: { class: ['network'] } }, {}, []],
      ['owned devices', { kinds: ['device'], whereNot: { substrate: ['provider-instance'] } }, {}, []],
      ['slot of a named device', { kinds: ['storage_slot'], ownedBy: 'device_ref' }, { device_ref: 'dev-2' }, []],
      ['slot of the enclosing device', { kinds: ['storage_slot'] }, {}, [{ kind: 'device', id: 'dev-5' }]],
      ['interface of a named device', { kinds: ['interface'], ownedBy: 'device_ref' }, { device_ref: 'dev-4' }, []],
    ];
    const typings = [
      '',
      'l',
      'L',
      'lx',
      'lxc',
      'lxc-',
      'lxc-c',
      'lxc-c1',
      'lxc-c12',
      'lxc-c123',
      'lxc-c6999',
      'LXC-M',
      'mixed',
      'c1',
      'x',
      'zz',
      'zza',
      'x-zz',
      'dev',
      'dev-1',
      'vm-',
      'slot',
      'if-',
      '-',
      '1',
      'q',
    ];
    let compared = 0;
    for (const [name, spec, siblings, owners] of specs) {
      for (const typed of typings) {
        const text = `x: ${typed}`;
        const cursor = yamlCursor(text, text.length)!;
        const got = refCompletions(model, spec, new Map(Object.entries(siblings)), owners, cursor);
        const want = plain(model, spec, new Map(Object.entries(siblings)), owners, typed);
        const shown = got.items.map(({ label, detail, description, sortText }) => ({ label, detail, description, sortText }));
        assert.deepEqual({ items: shown, incomplete: got.incomplete }, want, `${name}, typed ${JSON.stringify(typed)}`);
        compared += want.items.length;
      }
    }
    assert.ok(compared > 5000, 'the sample offers many candidates');
  });

  it('a capped list says so, and typing more reaches ids beyond the cap', () => {
    const text = files['topology/L5-application.yaml']!;
    const at = (typed: string) => {
      const edited = text.replace('lxc_ref: lxc-c1', `lxc_ref: ${typed}`);
      return complete(model, ws, 'topology/L5-application.yaml', edited, edited.indexOf(`lxc_ref: ${typed}`) + 9 + typed.length)!;
    };
    const wide = at('lxc');
    assert.equal(wide.items.length, MAX_COMPLETIONS);
    assert.equal(wide.incomplete, true);
    assert.ok(!wide.items.some((i) => i.label === 'lxc-c699'));
    const narrow = at('lxc-c699');
    assert.equal(narrow.items[0]?.label, 'lxc-c699');
    assert.equal(narrow.incomplete, false);
  });

  it('an index derived after an edit that kept every id keeps what was worked out from ids; after an id changed, it is made again', () => {
    const { analysis: first, ws } = analyzeFiles(files);
    const made = {};
    assert.equal(
      first.model!.index.fromIds('probe', () => made),
      made,
    );
    const l4 = files['topology/L4-platform.yaml']!;
    ws.setOverlay('topology/L4-platform.yaml', l4.replace('name: c1\n', 'name: renamed\n'));
    const kept = analyze(ws, topologyDeclarations(), { previous: first });
    assert.equal(
      kept.model!.index.fromIds('probe', () => ({})),
      made,
    );
    ws.setOverlay('topology/L4-platform.yaml', l4.replace('id: lxc-c1\n', 'id: lxc-c1b\n'));
    const renamed = analyze(ws, topologyDeclarations(), { previous: kept });
    assert.notEqual(
      renamed.model!.index.fromIds('probe', () => ({})),
      made,
    );
    const r = refCompletions(renamed.model!, { kinds: ['lxc'] }, new Map(), [], yamlCursor('x: lxc-c1', 9)!);
    assert.ok(r.items.some((i) => i.label === 'lxc-c1b'));
    assert.ok(!r.items.some((i) => i.label === 'lxc-c1'));
  });
});
