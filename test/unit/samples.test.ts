import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { NodeFileSystem } from '../../server/src/node/node-fs';

/** The bundled samples describe one consistent lab: a finding at error or warning level is a regression (or a sample mistake). */
describe('bundled samples', () => {
  // v4.0 services repeat their runtime's IP on purpose: the migration removes them.
  const expectedWarnings: Record<string, string[]> = {
    'sample-v4': ['svc-caddy', 'svc-grafana', 'svc-homeassistant', 'svc-nextcloud', 'svc-postgresql', 'svc-prometheus', 'svc-proxmox-ui', 'svc-redis'].map((s) => `service-ip-redundant ${s}`),
    'sample-refactored': [],
    'sample-dir-sorted': [],
  };
  for (const [name, warnings] of Object.entries(expectedWarnings)) {
    it(`${name} has no errors and only the expected warnings`, () => {
      const ws = new Workspace(new NodeFileSystem(resolve(__dirname, '../../../test-fixtures', name)));
      const { diagnostics } = analyze(ws, topologyDeclarations());
      const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.range.start.line + 1} ${d.code} ${d.message}`);
      assert.deepEqual(errors, []);
      const got = diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code} ${d.message.split(' ')[0]}`).sort();
      assert.deepEqual(got, warnings);
    });
  }
});
