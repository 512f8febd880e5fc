import * as assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/core/analysis';
import type { Decl } from '../../server/src/core/model/declarations';
import type { Ref } from '../../server/src/core/model/extract';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import type { Diagnostic } from '../../server/src/core/types';
import { analyzeFiles } from '../helpers/check';
import { sampleFiles } from '../helpers/samples';

/**
 * One mistake, one finding: each fault planted into a clean sample adds exactly one finding (of any
 * severity), and what follows from it sits in that finding's related information.
 */
type Files = Record<string, string>;

const key = (d: Diagnostic) => `${d.file}:${d.range.start.line}:${d.range.start.character} ${d.code}`;

/** The findings the fault added (by place and rule: a message that names a changed value is the same finding). */
function added(before: Analysis, after: Analysis): Diagnostic[] {
  const had = new Set(before.diagnostics.map(key));
  return after.diagnostics.filter((d) => !had.has(key(d)));
}

function replaceAt(files: Files, file: string, start: number, end: number, text: string): Files {
  const t = files[file]!;
  return { ...files, [file]: t.slice(0, start) + text + t.slice(end) };
}

function edit(files: Files, file: string, from: string, to: string): Files {
  const t = files[file];
  assert.ok(t?.includes(from), `${file} holds ${JSON.stringify(from)}`);
  return { ...files, [file]: t!.replace(from, to) };
}

/**
 * The refactored sample, with the two ref kinds it does not use written the way the format writes
 * them: a PoE power link over a data link, and a service address taken from a host operating system.
 */
function cleanSample(): Files {
  let files = sampleFiles('sample-refactored');
  files = edit(files, 'topology/L1-foundation/power-links.yaml', '  mode: ac\n', '  mode: ac\n  data_link_ref: link-isp-uplink\n');
  files = edit(
    files,
    'topology/L4-platform.yaml',
    'resource_profiles:',
    'host_operating_systems:\n- id: hos-gamayun-pve\n  device_ref: gamayun\n  distribution: proxmox-ve\n  version: "8.2"\n  architecture: amd64\n  host_type: hypervisor\n  status: active\nresource_profiles:',
  );
  files = edit(files, 'topology/L5-application/services/svc-proxmox-ui.yaml', 'port: 8006\n', 'port: 8006\nip_refs:\n  self:\n    host_os_ref: hos-gamayun-pve\n    network_ref: net-management\n');
  return files;
}

/** Every kind a declared ref may name. */
function declaredRefKinds(): string[] {
  const kinds = new Set<string>();
  const seen = new Set<Decl>();
  const walk = (d: Decl | undefined) => {
    if (!d || seen.has(d)) return;
    seen.add(d);
    for (const k of d.ref?.kinds ?? []) kinds.add(k);
    for (const c of d.props.values()) walk(c);
    walk(d.additional);
    walk(d.items);
  };
  walk(topologyDeclarations().root);
  return [...kinds].sort();
}

/** A value one letter short: the commonest typo. */
function typo(value: string): string {
  const i = Math.floor(value.length / 2);
  return value.slice(0, i) + value.slice(i + 1);
}

describe('one fault, one finding', () => {
  const clean = cleanSample();
  const base = analyzeFiles(clean).analysis;
  const v4 = sampleFiles('sample-v4');
  const v4Base = analyzeFiles(v4).analysis;

  it('the clean sample and its additions are clean', () => {
    assert.deepEqual(base.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map(key), []);
    assert.deepEqual(added(analyzeFiles(sampleFiles('sample-refactored')).analysis, base).map(key), []);
  });

  const assertOne = (label: string, before: Analysis, files: Files, rule: string): Diagnostic => {
    const got = added(before, analyzeFiles(files).analysis);
    assert.equal(got.length, 1, `${label}: ${got.map((d) => `${key(d)} ${d.message}`).join('\n  ')}`);
    assert.equal(got[0]!.code, rule, `${label}: ${got[0]!.message}`);
    return got[0]!;
  };

  describe('a typo in a ref, for every declared ref kind', () => {
    for (const kind of declaredRefKinds()) {
      it(kind, () => {
        // A ref that names an entity of this kind, in the refactored sample or else the v4.0 one.
        for (const [files, before] of [
          [clean, base],
          [v4, v4Base],
        ] as const) {
          const ref = before.model!.refs.find((r: Ref) => {
            const res = before.model!.resolve(r);
            return res.status === 'ok' && res.target.kind === kind;
          });
          if (!ref) continue;
          const planted = replaceAt(files, ref.node.file, ref.node.start, ref.node.end, typo(ref.value));
          assertOne(`${ref.field} '${ref.value}' in ${ref.node.file}`, before, planted, 'ref-unknown');
          return;
        }
        assert.fail(`no sample has a ref to a ${kind}`);
      });
    }
  });

  it('a ref to an entity of another kind (a volume naming its container, not its data asset)', () => {
    const planted = edit(clean, 'topology/L4-platform.yaml', 'data_asset_ref: data-postgresql-db', 'data_asset_ref: lxc-postgresql');
    assertOne('wrong kind', base, planted, 'ref-wrong-kind');
  });

  it('a ref to an entity of another kind that resembles no id of the right kind', () => {
    const planted = edit(clean, 'topology/L4-platform.yaml', 'data_asset_ref: data-postgresql-db', 'data_asset_ref: sec-baseline');
    const d = assertOne('wrong kind', base, planted, 'ref-wrong-kind');
    assert.ok(
      d.related?.some((r) => r.message.startsWith('Follows from this (storage-chain-broken)')),
      'the data asset placed nowhere follows from it',
    );
  });

  for (const file of ['topology/L5-application/services/svc-dns.yaml', 'topology/L1-foundation/devices/gamayun.yaml', 'topology/L3-data/logical-volumes/lv-pve-root.yaml']) {
    it(`a duplicate id: ${file} copied and included beside the original`, () => {
      const edge = base.model!.assembly.edges.find((e) => e.targets.includes(file))!;
      const inc = edge.include;
      const copy = file.replace(/\.yaml$/, '-copy.yaml');
      const t = clean[inc.file]!;
      const lineEnd = t.indexOf('\n', inc.end) + 1;
      const line = t.slice(t.lastIndexOf('\n', inc.start) + 1, lineEnd);
      const planted = { ...clean, [copy]: clean[file]!, [inc.file]: t.slice(0, lineEnd) + line.replace(inc.path, inc.path.replace(/\.yaml$/, '-copy.yaml')) + t.slice(lineEnd) };
      assertOne(`copy of ${file}`, base, planted, 'id-duplicate');
    });
  }

  describe('a missing include', () => {
    for (const edge of base.model!.assembly.edges) {
      const inc = edge.include;
      it(`${inc.file} → ${inc.path}`, () => {
        const planted = replaceAt(clean, inc.file, inc.start, inc.end, inc.path.replace(/(\.yaml)?$/, '-gone$1'));
        assertOne('missing include', base, planted, 'include-missing');
      });
    }
  });

  describe('a syntax error (an unclosed flow list)', () => {
    for (const file of base.files.filter((f) => f.endsWith('.yaml'))) {
      it(file, () => {
        const lines = clean[file]!.split('\n');
        const at = Math.min(2, lines.length - 1);
        const indent = /^\s*(- )?/.exec(lines[at]!)![0].replace('- ', '  ');
        lines.splice(at, 0, `${indent}tags: [unclosed`);
        const d = assertOne('syntax error', base, { ...clean, [file]: lines.join('\n') }, 'yaml-syntax');
        assert.equal(d.file, file);
        assert.equal(d.range.start.line, at, 'on the line of the opening bracket');
      });
    }
  });

  it("a typo in a v4.0 service's lxc_ref: the ref-unknown alone, the addresses it no longer ties together in its related information", () => {
    const planted = edit(v4, 'topology/L5-application/services/svc-postgresql.yaml', 'lxc_ref: lxc-postgresql', 'lxc_ref: lxc-postgresq');
    const d = assertOne('lxc_ref typo', v4Base, planted, 'ref-unknown');
    assert.deepEqual(
      d.related?.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message.slice(0, r.message.indexOf(':'))}`),
      ['topology/L4-platform.yaml:44 Follows from this (ip-duplicate)', 'topology/L5-application/services/svc-postgresql.yaml:6 Follows from this (ip-duplicate)'],
    );
  });

  for (const [field, from, to] of [
    ['device_ref', 'device_ref: gamayun\n  slot_ref: slot-sata-0', 'device_ref: gamayn\n  slot_ref: slot-sata-0'],
    ['media_ref', 'media_ref: disk-ssd-gamayun-boot', 'media_ref: disk-ssd-gamayun-bot'],
  ] as const) {
    it(`a typo in a v4.0 media attachment's ${field}: the storage pools walked through it follow from the ref-unknown`, () => {
      const planted = edit(v4, 'topology/L1-foundation/media-attachments.yaml', from, to);
      const d = assertOne(`${field} typo`, v4Base, planted, 'ref-unknown');
      const pools = (d.related ?? []).filter((r) => r.message.startsWith('Follows from this (storage-chain-broken)')).map((r) => `${r.file}:${r.range.start.line + 1}`);
      assert.deepEqual(pools, ['topology/L3-data.yaml:13', 'topology/L3-data.yaml:24']);
    });
  }
});
