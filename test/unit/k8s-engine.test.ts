import * as assert from 'node:assert/strict';
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
