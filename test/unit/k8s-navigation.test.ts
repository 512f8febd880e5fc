import * as assert from 'node:assert/strict';
import { navigateFixture } from '../helpers/check';

/** Definition, references and completion over manifest refs, driven by `$0` cursors in fixtures. */
const TREE = `
//- kubernetes/base/web/deployment.yaml
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          envFrom:
            - secretRef:
                name: CURSOR_SECRET
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: CURSOR_CLAIM
//- kubernetes/base/web/pvc.yaml
kind: PersistentVolumeClaim
metadata:
  name: CURSOR_PVC
//- kubernetes/base/web/data-pvc.yaml
kind: PersistentVolumeClaim
metadata:
  name: web-data
//- kubernetes/base/web/external-secret.yaml
kind: ExternalSecret
metadata:
  name: web-secrets
spec:
  target:
    name: web-env
//- kubernetes/base/web/service.yaml
kind: Service
metadata:
  name: web
spec:
  ports:
    - name: http
      port: 80
    - name: metrics
      port: 9090
//- kubernetes/base/web/ingressroute.yaml
kind: IngressRoute
metadata:
  name: web
spec:
  routes:
    - services:
        - name: web
          port: CURSOR_PORT
//- kubernetes/base/db/network-policy.yaml
kind: NetworkPolicy
metadata:
  name: db-network-policy
spec:
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: CURSOR_APP
//- flux/apps/web.yaml
kind: Kustomization
metadata:
  name: web
spec:
  path: CURSOR_PATH
`;

function at(cursor: string, values: Record<string, string> = {}): string {
  const defaults: Record<string, string> = {
    CURSOR_SECRET: 'web-env',
    CURSOR_CLAIM: 'web-storage',
    CURSOR_PVC: 'web-storage',
    CURSOR_PORT: 'http',
    CURSOR_APP: 'web',
    CURSOR_PATH: './kubernetes/base/web',
  };
  let text = TREE;
  for (const [k, v] of Object.entries({ ...defaults, ...values })) text = text.replace(k, k === cursor ? v.replace(/^(.)/, '$1$0') : v);
  return text;
}

describe('kubernetes navigation', () => {
  it('goes from claimName to the PVC', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_CLAIM'), 'definition'), ['kubernetes/base/web/pvc.yaml:3:9-3:20']);
  });
  it('goes from a secretRef to the ExternalSecret target it creates', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_SECRET'), 'definition'), ['kubernetes/base/web/external-secret.yaml:6:11-6:18']);
  });
  it('goes from an IngressRoute port name to the Service port', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_PORT'), 'definition'), ['kubernetes/base/web/service.yaml:6:13-6:17']);
  });
  it('goes from a NetworkPolicy app selector to the pods of that service', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_APP'), 'definition'), ['kubernetes/base/web/deployment.yaml:8:14-8:17']);
  });
  it('goes from a Kustomization path to the service folder', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_PATH'), 'definition'), ['kubernetes/base/web/deployment.yaml:1:1-1:1']);
  });
  it('has no definition for an unknown name', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_CLAIM', { CURSOR_CLAIM: 'nothing' }), 'definition'), []);
  });
  it('finds the references of a PVC from its declaration', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_PVC'), 'references'), ['kubernetes/base/web/deployment.yaml:18:24-18:35', 'kubernetes/base/web/pvc.yaml:3:9-3:20']);
  });
  it('finds the references of a PVC from a claim', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_CLAIM'), 'references'), ['kubernetes/base/web/deployment.yaml:18:24-18:35', 'kubernetes/base/web/pvc.yaml:3:9-3:20']);
  });
  it('completes claimName with the PVCs of the namespace', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_CLAIM', { CURSOR_CLAIM: 'w' }), 'completion'), ['web-data', 'web-storage']);
  });
  it('completes an empty claimName', () => {
    const text = at('CURSOR_PVC').replace('claimName: web-storage', 'claimName: $0');
    assert.deepEqual(navigateFixture(text.replace('name: w$0eb-storage', 'name: web-storage'), 'completion'), ['web-data', 'web-storage']);
  });
  it('completes a backend port with the ports of the Service', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_PORT'), 'completion'), ['http', '80', 'metrics', '9090']);
  });
  it('completes secret names with ExternalSecret targets', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_SECRET'), 'completion'), ['web-env']);
  });
  it('completes a Kustomization path with the service folders', () => {
    assert.deepEqual(navigateFixture(at('CURSOR_PATH'), 'completion'), ['./kubernetes/base/db', './kubernetes/base/web']);
  });
  it('offers nothing outside a reference', () => {
    assert.equal(navigateFixture(at('CURSOR_PVC').replace('kind: Deployment', 'kind: Deploy$0ment').replace('name: w$0eb-storage', 'name: web-storage'), 'completion'), undefined);
  });
});
