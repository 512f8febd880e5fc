/**
 * The repository's own schema of the format as the authority on shapes. The fixture
 * (test/fixtures/repository-schema/topology-v4-schema.json) is the format's later schema rebuilt
 * from its flattened form (test/fixtures/schema/format-schema.md), varied the way a repository's
 * schema moves ahead of Strata's: device type `firewall` added, alert ids allowed a dot.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeFiles } from '../helpers/check';
import { CONVENTIONAL_SCHEMA_PATH } from '../../server/src/core/model/repository-schema';
import type { Diagnostic } from '../../server/src/core/types';

const VARIANT = readFileSync(resolve(__dirname, '../../../test/fixtures/repository-schema/topology-v4-schema.json'), 'utf8');

const TOPOLOGY = [
  'L1_foundation:',
  '  locations:',
  '  - id: home',
  '    name: Home',
  '    type: home-office',
  '  devices:',
  '  - id: fw-edge',
  '    name: Edge firewall',
  '    type: firewall',
  '    role: central-gateway',
  '    class: network',
  '    substrate: baremetal-owned',
  '    access: local-lan',
  '    location: home',
  'L6_observability:',
  '  alerts:',
  '  - id: alert-infra.router-down',
  '    name: Router down',
  '    severity: critical',
  '    trigger:',
  '      condition: down',
  '',
].join('\n');

const schemaFindings = (ds: Diagnostic[]) =>
  ds.filter((d) => d.code.startsWith('schema')).map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}: ${d.message}`);

function check(files: Record<string, string>): Diagnostic[] {
  return analyzeFiles(files, { extraFindings: undefined }).analysis.diagnostics;
}

describe("the repository's schema is the authority on shapes", () => {
  it("a value the repository's schema allows gets no schema finding (a new enum value, a changed id pattern)", () => {
    assert.deepEqual(schemaFindings(check({ 'topology.yaml': TOPOLOGY, [CONVENTIONAL_SCHEMA_PATH]: VARIANT })), []);
  });

  it("without it, the bundled schema does not know the new value (so the repository's schema decided)", () => {
    assert.deepEqual(schemaFindings(check({ 'topology.yaml': TOPOLOGY })), [
      "topology.yaml:9:11 warning schema-unknown-value: `type` is 'firewall', which is not a known value (hypervisor, router, sbc, switch, ap, nas, cloud-vm, ups, pdu).",
    ]);
  });

  it('is found where `schema:` in .strata.yaml says when written as a relative path (`./tools/…`)', () => {
    const files = { '.strata.yaml': 'schema: ./tools/format.schema.json\n', 'topology.yaml': TOPOLOGY, 'tools/format.schema.json': VARIANT };
    assert.deepEqual(
      check(files).filter((d) => d.code.startsWith('schema') || d.code === 'repository-schema-invalid'),
      [],
    );
  });

  it('is found where `schema:` in .strata.yaml says', () => {
    const files = { '.strata.yaml': 'schema: tools/format.schema.json\n', 'topology.yaml': TOPOLOGY, 'tools/format.schema.json': VARIANT };
    assert.deepEqual(schemaFindings(check(files)), []);
  });

  it('reports what it rejects on the exact value, once: types, enumerations, patterns, required keys, closed objects, alternatives', () => {
    const bad = [
      'L1_foundation:',
      '  media_registry:',
      '  - id: disk-ssd',
      '    type: ssd',
      '    size_gb: 240',
      '    vendro: Samsung',
      'L4_platform:',
      '  lxc:',
      '  - id: lxc-db',
      '    vmid: two-hundred',
      '    name: db',
      '    device_ref: fw-edge',
      '  - id: LXC_Bad',
      '    vmid: 201',
      '    name: bad',
      '    device_ref: fw-edge',
      'L6_observability:',
      '  alerts:',
      '  - id: alert-infra.router-down',
      '    severity: page',
      '    trigger: {}',
      'L3_data:',
      '  partitions:',
      '  - id: part-efi',
      '    media_attachment_ref: attach-ssd',
      '    number: 1',
      '    type: efi',
      '    size: 1G',
      '  - id: part-swap',
      '    media_attachment_ref: attach-ssd',
      '    number: 2',
      '    type: swap',
      '    size: 8G',
      '',
    ].join('\n');
    const files = { 'topology.yaml': bad, [CONVENTIONAL_SCHEMA_PATH]: VARIANT };
    const found = schemaFindings(check(files));
    assert.deepEqual(found, [
      "topology.yaml:6:5 warning schema-unknown-field: Unknown field `vendro` in media 'disk-ssd'. Did you mean `vendor`?",
      "topology.yaml:10:11 error schema: `vmid` in lxc 'lxc-db' should be an integer, not the string 'two-hundred'.",
      "topology.yaml:13:9 error schema: `id` 'LXC_Bad' in lxc 'LXC_Bad' does not match the pattern ^lxc-[a-z0-9-]+$.",
      "topology.yaml:19:9 error schema: alert 'alert-infra.router-down' is missing the required field `name`.",
      "topology.yaml:20:15 warning schema-unknown-value: `severity` is 'page', which is not a known value (info, warning, critical).",
      // One value that fits none of the alternatives (a number, or 'remaining'): one finding.
      "topology.yaml:28:11 error schema: `size` in partition 'part-efi' is the string '1G', which none of its allowed forms accepts: a number; 'remaining'.",
      "topology.yaml:33:11 error schema: `size` in partition 'part-swap' is the string '8G', which none of its allowed forms accepts: a number; 'remaining'.",
    ]);
  });

  it("closes only what it closes: an object Strata's schema closes but the repository's leaves open gets hints, not warnings", () => {
    const open = JSON.stringify({ type: 'object', properties: { L1_foundation: { type: 'object' } } });
    const files = { 'topology.yaml': 'L1_foundation:\n  media_registry:\n  - id: disk-ssd\n    type: ssd\n    vendro: Samsung\n    rack_units: 2\n', [CONVENTIONAL_SCHEMA_PATH]: open };
    const ds = check(files)
      .filter((d) => d.code.startsWith('schema'))
      .map((d) => `${d.range.start.line + 1} ${d.severity} ${d.code}: ${d.message}`);
    assert.deepEqual(ds, ["5 hint schema-field-typo: Unknown field `vendro` in media 'disk-ssd'. Did you mean `vendor`?"]);
  });

  it('an unknown key in an object it leaves open is a hint only when it is a likely typo of a field it or Strata knows', () => {
    const files = { 'topology.yaml': TOPOLOGY.replace('    location: home\n', '    location: home\n    locaton: home\n    rack_units: 2\n'), [CONVENTIONAL_SCHEMA_PATH]: VARIANT };
    const ds = check(files)
      .filter((d) => d.code === 'schema-field-typo')
      .map((d) => `${d.range.start.line + 1} ${d.severity} ${d.message}`);
    assert.deepEqual(ds, ["15 hint Unknown field `locaton` in device 'fw-edge'. Did you mean `location`?"]);
  });
});
