import * as assert from 'node:assert/strict';
import { k8sCodeActions } from '../../server/src/core/kubernetes/code-actions';
import { checkFixture } from '../helpers/check';

/** The Kubernetes rules inside the engine: configured folder, severities, suppressions, YAML errors. */
const only = (d: { code: string }) => d.code.startsWith('k8s-') || d.code.startsWith('yaml-') || d.code === 'config-invalid';

describe('kubernetes rules in the engine', () => {
  it('looks for services in the folder .strata.yaml names', () => {
    checkFixture(
      `
//- .strata.yaml
kubernetes:
  base: deploy/apps
//- deploy/apps/web/deployment.yaml
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:latest
#                ^^^^^^^^^^ error[k8s-image-tag]: uses the \`latest\` tag
//- kubernetes/base/ignored/deployment.yaml
kind: Deployment
metadata:
  name: ignored
spec:
  template:
    spec:
      containers:
        - name: ignored
          image: ignored:latest
`,
      { only: (d) => d.code === 'k8s-image-tag' },
    );
  });

  it('takes severities from .strata.yaml and honours strata-disable-next-line', () => {
    checkFixture(
      `
//- .strata.yaml
rules:
  k8s-image-tag: warning
  k8s-image-pull-policy: off
//- kubernetes/base/web/deployment.yaml
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:latest
#                ^^^^^^^^^^ warning[k8s-image-tag]: uses the \`latest\` tag
        - name: sidecar
          # strata-disable-next-line k8s-image-tag
          image: sidecar:latest
`,
      { only: (d) => d.code === 'k8s-image-tag' || d.code === 'k8s-image-pull-policy' },
    );
  });

  it('reports YAML errors in manifests and keeps checking the other documents', () => {
    checkFixture(
      `
//- kubernetes/base/web/deployment.yaml
kind: Deployment
metadata:
  name: web
  name: web2
# ^^^^ warning[yaml-duplicate-key]: Duplicate key \`name\`
---
kind: Service
metadata:
  name: web
#       ^^^ error[k8s-one-resource-per-file]: deployment.yaml holds 2 resources
`,
      { only: (d) => d.code === 'yaml-duplicate-key' || d.code === 'k8s-one-resource-per-file' },
    );
  });

  it('knows every Kubernetes rule id in .strata.yaml', () => {
    const analysis = checkFixture(
      `
//- .strata.yaml
rules:
  k8s-readme: off
  k8s-resource-tier: error
`,
      { only },
    );
    assert.equal(analysis.config.rules['k8s-readme'], 'off');
  });
});

describe('kubernetes quick fixes as code actions', () => {
  it('turns a finding\'s fixes into edits, created and deleted files', () => {
    const analysis = checkFixture(
      `
//- kubernetes/base/web/deploy.yaml
kind: Deployment
#     ^^^^^^^^^^ error[k8s-file-name]: names its file deployment.yaml
metadata:
  name: web
`,
      { only: (d) => d.code === 'k8s-file-name' },
    );
    const d = analysis.diagnostics.find((x) => x.code === 'k8s-file-name')!;
    const [action] = k8sCodeActions(d.data);
    assert.equal(action?.title, 'Rename deploy.yaml to deployment.yaml');
    assert.equal(action?.preferred, true);
    assert.deepEqual(action?.edit.deletes, ['kubernetes/base/web/deploy.yaml']);
    assert.deepEqual(action?.edit.creates.map((c) => c.path), ['kubernetes/base/web/deployment.yaml']);
    assert.match(action?.edit.creates[0]?.text ?? '', /^kind: Deployment\n/);
  });
});
