import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyzeFiles, scaffoldIn } from '../helpers/check';
import { readTree } from '../helpers/workspace-files';

const SAMPLE = readTree(resolve(__dirname, '../../../test-fixtures/k8s-sample'));

function planned(files: Record<string, string>, options: Parameters<typeof scaffoldIn>[1]): Record<string, string> {
  const res = scaffoldIn(files, options);
  if (!res.ok) throw new Error(res.error);
  return Object.fromEntries(res.files.map((f) => [f.path, f.content]));
}

function problems(files: Record<string, string>): string[] {
  return analyzeFiles(files).analysis.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}: ${d.message}`);
}

describe('kubernetes scaffold (strata k8s new)', () => {
  it('writes an exposed service with storage, secrets and metrics that passes every rule', () => {
    const out = planned(SAMPLE, { name: 'immich', exposed: true, storage: '200Gi', metrics: true, secrets: true, image: 'ghcr.io/immich-app/immich-server:v1.106.4', port: 3001 });
    assert.deepEqual(Object.keys(out).sort(), [
      'flux/apps/immich.yaml',
      'kubernetes/base/immich/README.md',
      'kubernetes/base/immich/deployment.yaml',
      'kubernetes/base/immich/external-secret.yaml',
      'kubernetes/base/immich/ingressroute.yaml',
      'kubernetes/base/immich/network-policy.yaml',
      'kubernetes/base/immich/pvc.yaml',
      'kubernetes/base/immich/service.yaml',
      'kubernetes/base/immich/servicemonitor.yaml',
    ]);
    assert.match(out['kubernetes/base/immich/ingressroute.yaml']!, /Host\(`immich\.lab\.example\.net`\)/, 'domain learnt from the existing routes');
    assert.deepEqual(problems({ ...SAMPLE, ...out }), []);
  });

  it('writes a minimal internal service that passes every rule on its own', () => {
    const out = planned({}, { name: 'arr-sonarr', image: 'lscr.io/linuxserver/sonarr:4.0.9' });
    assert.equal(Object.keys(out).length, 5);
    assert.deepEqual(problems(out), []);
  });

  it('never overwrites an existing folder or Kustomization', () => {
    const folder = scaffoldIn(SAMPLE, { name: 'nextcloud' });
    assert.equal(folder.ok, false);
    assert.match(!folder.ok ? folder.error : '', /kubernetes\/base\/nextcloud already exists; the scaffold never overwrites/);
    const flux = scaffoldIn({ 'flux/apps/jellyfin.yaml': 'kind: Kustomization\n' }, { name: 'jellyfin', image: 'jellyfin/jellyfin:10.9.7' });
    assert.match(!flux.ok ? flux.error : '', /flux\/apps\/jellyfin\.yaml already exists/);
  });

  it('refuses names and images the patterns forbid', () => {
    assert.match(errorOf({ name: 'Jelly_Fin' }), /not kebab-case/);
    assert.match(errorOf({ name: 'web', image: 'nginx:latest' }), /not pinned/);
    assert.match(errorOf({ name: 'web', image: 'nginx' }), /not pinned/);
    assert.match(errorOf({ name: 'web', storage: 'lots' }), /not a Kubernetes quantity/);
    assert.match(errorOf({ name: 'web', port: 70000 }), /between 1 and 65535/);
  });

  it('notes the placeholder image when none is given', () => {
    const res = scaffoldIn({}, { name: 'web' });
    assert.ok(res.ok);
    assert.match(res.notes.join('\n'), /registry\.example\.com\/web:0\.1\.0 is a placeholder/);
  });
});

function errorOf(options: Parameters<typeof scaffoldIn>[1]): string {
  const res = scaffoldIn({}, options);
  return res.ok ? '' : res.error;
}
