import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyzeFiles } from '../helpers/check';
import { readTree } from '../helpers/workspace-files';

const SAMPLE = resolve(__dirname, '../../../test-fixtures/k8s-sample');

describe('kubernetes compliant sample (test-fixtures/k8s-sample)', () => {
  const files = readTree(SAMPLE);
  it('holds its four services and their Flux Kustomizations', () => {
    for (const svc of ['nextcloud', 'postgres', 'wireguard-vpn', 'traefik']) {
      assert.ok(files[`kubernetes/base/${svc}/deployment.yaml`], `${svc}/deployment.yaml`);
      assert.ok(files[`kubernetes/base/${svc}/README.md`], `${svc}/README.md`);
      assert.ok(files[`flux/apps/${svc}.yaml`], `flux/apps/${svc}.yaml`);
    }
  });
  it('holds an ingress controller that documents its image in prose and reaches its backends', () => {
    const readme = files['kubernetes/base/traefik/README.md']!;
    assert.match(readme, /Traefik v3\.1\.2/);
    assert.doesNotMatch(readme, /traefik:v3\.1\.2/, 'the README names the image in prose, not as image:tag');
    assert.match(files['kubernetes/base/traefik/network-policy.yaml']!, /egress:\n {4}- to:\n(.*\n)*?\s+app: nextcloud\n/);
    assert.doesNotMatch(files['kubernetes/base/traefik/deployment.yaml']!, /initContainers/);
  });
  it('passes every rule', () => {
    const { analysis } = analyzeFiles(files);
    assert.deepEqual(
      analysis.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}: ${d.message}`),
      [],
    );
  });
});
