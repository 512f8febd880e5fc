import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { RULES_BY_ID } from '../../server/src/core/rules/registry';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../server/src/node/node-fs';

/**
 * The bundled samples describe one consistent lab: an error is a regression (or a sample mistake), and
 * so is a warning of the network and governance rules other than the ones listed (deprecations in
 * the v4.0 sample are deprecated-field's to list).
 */
describe('bundled samples', () => {
  // v4.0 services repeat their runtime's IP on purpose: the migration removes them.
  const expectedWarnings: Record<string, string[]> = {
    'sample-v4': ['svc-caddy', 'svc-grafana', 'svc-homeassistant', 'svc-nextcloud', 'svc-postgresql', 'svc-prometheus', 'svc-proxmox-ui', 'svc-redis'].map((s) => `service-ip-redundant ${s}`),
    'sample-refactored': [],
    'sample-dir-sorted': [],
  };
  for (const [name, warnings] of Object.entries(expectedWarnings)) {
    it(`${name} has no errors and only the expected network and governance warnings`, () => {
      const ws = new Workspace(new NodeFileSystem(resolve(__dirname, '../../../test-fixtures', name)));
      const { diagnostics } = analyze(ws, topologyDeclarations());
      const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.range.start.line + 1} ${d.code} ${d.message}`);
      assert.deepEqual(errors, []);
      const watched = (code: string) => ['network', 'governance'].includes(RULES_BY_ID.get(code)?.category ?? '');
      const got = diagnostics.filter((d) => d.severity === 'warning' && watched(d.code)).map((d) => `${d.code} ${d.message.split(' ')[0]}`).sort();
      assert.deepEqual(got, warnings);
    });
  }
});
