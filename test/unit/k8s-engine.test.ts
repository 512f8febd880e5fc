import * as assert from 'node:assert/strict';
import { codeActions } from '../../server/src/core/features/code-actions';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { analyzeFiles, checkFixture } from '../helpers/check';
import { parseFixture } from '../helpers/fixture';

// The Kubernetes rules inside the engine: configured folder, severities, suppressions, YAML errors.

/** The rule ids a fixture's workspace gets, sorted. */
function checkFixtureCodes(text: string): string[] {
  return analyzeFiles(parseFixture(text).files)
    .analysis.diagnostics.map((d) => d.code)
    .sort();
}

/** A Deployment manifest with one container, `name` running `image`, then `more` lines (annotations, more containers). */
function deployment(name: string, image: string, ...more: string[]): string {
  return ['kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    spec:', '      containers:', `        - name: ${name}`, `          image: ${image}`, ...more].join('\n');
}

const only = (d: { code: string }) => d.code.startsWith('k8s-') || d.code.startsWith('yaml-') || d.code === 'config-invalid';

describe('kubernetes rules in the engine', () => {
  it('looks for services in the folder .strata.yaml names', () => {
    checkFixture(
      `
//- .strata.yaml
kubernetes:
  base: deploy/apps
//- deploy/apps/web/deployment.yaml
${deployment('web', 'web:latest', '#                ^^^^^^^^^^ error[k8s-image-tag]: uses the `latest` tag')}
//- kubernetes/base/ignored/deployment.yaml
${deployment('ignored', 'ignored:latest')}
`,
      { only: (d) => d.code === 'k8s-image-tag' },
    );
  });

  it('takes severities from .strata.yaml and honours strata-disable-next-line', () => {
    checkFixture(
      `
//- .strata.yaml
kubernetes:
  base: kubernetes/base
rules:
  k8s-image-tag: warning
  k8s-image-pull-policy: off
//- kubernetes/base/web/deployment.yaml
${deployment(
  'web',
  'web:latest',
  '#                ^^^^^^^^^^ warning[k8s-image-tag]: uses the `latest` tag',
  '        - name: sidecar',
  '          # strata-disable-next-line k8s-image-tag',
  '          image: sidecar:latest',
)}
`,
      { only: (d) => d.code === 'k8s-image-tag' || d.code === 'k8s-image-pull-policy' },
    );
  });

  it('reports YAML errors in manifests and keeps checking the other documents', () => {
    checkFixture(
      `
//- flux/apps/web.yaml
kind: Kustomization
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

describe('kubernetes rules outside the house layout', () => {
  // A plain kustomize tree: none of the house names, files or labels, no NetworkPolicy, no README.
  const kustomize = `
//- kubernetes/base/kustomization.yaml
resources:
  - app
//- kubernetes/base/app/kustomization.yaml
resources:
  - deploy.yaml
//- kubernetes/base/app/deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:latest
`;
  const houseRules = (text: string) => checkFixtureCodes(text).filter((c) => c.startsWith('k8s-'));

  it('stays silent on a kustomize repository without flux/apps or a kubernetes section', () => {
    assert.deepEqual(houseRules(kustomize), []);
  });

  it('still reports YAML errors there', () => {
    checkFixture(`${kustomize}//- kubernetes/base/app/service.yaml\nkind: Service\nmetadata:\n  name: a\n  name: b\n# ^^^^ warning[yaml-duplicate-key]\n`, {
      only: (d) => d.code.startsWith('yaml-') || d.code.startsWith('k8s-'),
    });
  });

  it('applies once flux/apps or a kubernetes section in .strata.yaml declares the house layout', () => {
    const withFlux = houseRules(`${kustomize}//- flux/apps/app.yaml\nkind: Kustomization\n`);
    const withConfig = houseRules(`${kustomize}//- .strata.yaml\nkubernetes:\n  base: kubernetes/base\n`);
    for (const codes of [withFlux, withConfig]) {
      assert.ok(codes.includes('k8s-image-tag') && codes.includes('k8s-base-root') && codes.includes('k8s-file-name'), codes.join(', '));
    }
  });
});

describe('kubernetes quick fixes as code actions', () => {
  it("turns a finding's fixes into edits, created and deleted files", () => {
    const analysis = checkFixture(
      `
//- .strata.yaml
kubernetes:
  base: kubernetes/base
//- kubernetes/base/web/deploy.yaml
kind: Deployment
#     ^^^^^^^^^^ error[k8s-file-name]: names its file deployment.yaml
metadata:
  name: web
`,
      { only: (d) => d.code === 'k8s-file-name' },
    );
    const d = analysis.diagnostics.find((x) => x.code === 'k8s-file-name')!;
    const options = { fs: new MemoryFileSystem({}), declarations: topologyDeclarations(), creates: true, deletes: true, migrations: 'none' as const };
    const [action] = codeActions(analysis, d.file, 0, [{ code: d.code, start: d.range.start }], options);
    assert.equal(action?.title, 'Rename deploy.yaml to deployment.yaml');
    assert.equal(action?.preferred, true);
    assert.deepEqual(action?.fixes, [d]);
    const edit = action?.edit && 'offsets' in action.edit ? action.edit.offsets : undefined;
    assert.deepEqual(edit?.deletes, ['kubernetes/base/web/deploy.yaml']);
    assert.deepEqual(
      edit?.creates.map((c) => c.path),
      ['kubernetes/base/web/deployment.yaml'],
    );
    assert.match(edit?.creates[0]?.text ?? '', /^kind: Deployment\n/);
    // Without delete operations in the editor, the rename is not offered.
    assert.deepEqual(codeActions(analysis, d.file, 0, [{ code: d.code, start: d.range.start }], { ...options, deletes: false }), []);
  });
});
