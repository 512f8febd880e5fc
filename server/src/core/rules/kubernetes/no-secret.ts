import { get } from '../../workspace/nodes';
import { join } from '../../workspace/paths';
import type { QuickFix, TextEdit } from '../../kubernetes/edits';
import { FILE_FOR_KIND, NAME_FOR_KIND, SECRETS } from '../../kubernetes/patterns';
import { asMap } from '../../kubernetes/resource';
import { defineRule } from '../rule';
import { specOf } from '../../kubernetes/service-spec';
import { externalSecretYaml } from '../../kubernetes/templates';
import { code } from './helpers';

export const noSecret = defineRule({
  over: 'kubernetes',
  id: 'k8s-no-secret',
  severity: 'error',
  category: 'kubernetes',
  pattern: 3,
  description: 'A `kind: Secret` is committed; secrets come from an ExternalSecret.',
  docs: `Pattern 3: never create a Secret directly and never commit secret values to Git, even encoded. An
ExternalSecret \`<service>-secrets\` reads them from Vault under \`homelab/<service>\` and creates the Secret in the
cluster. The quick fix writes \`external-secret.yaml\` with one remote ref per key of the Secret (values are
dropped: put them in Vault first), removes the Secret and points its references at \`<service>-secrets\`.`,
  check(project, { index, report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        if (r.kind !== 'Secret') continue;
        const keys = [...new Set(['data', 'stringData'].flatMap((k) => asMap(get(r.root, k))?.entries.map((e) => e.key) ?? []))];
        const target = NAME_FOR_KIND.ExternalSecret!(svc.name);
        const fixes: QuickFix[] = [];
        const esFile = FILE_FOR_KIND.ExternalSecret!;
        if (!svc.files.has(esFile)) {
          const file = svc.files.get(r.file.slice(svc.dir.length + 1));
          const edits: TextEdit[] = [];
          const del: string[] = [];
          if (file && file.resources.length === 1) del.push(r.file);
          else edits.push({ file: r.file, start: r.docStart, end: r.docEnd, newText: '' });
          if (r.name !== target) {
            for (const site of index.sitesOf('secret')) {
              if (site.value === r.name && site.namespace === r.namespace) edits.push({ file: site.node.file, start: site.node.start, end: site.node.end, newText: target });
            }
          }
          fixes.push({
            title: `Replace Secret ${r.name ?? ''} with ExternalSecret ${target}`,
            edits: edits.filter((e) => !del.includes(e.file)),
            delete: del,
            create: [{ path: join(svc.dir, esFile), text: externalSecretYaml(specOf(project, svc), keys) }],
            preferred: true,
          });
        }
        report({
          span: r.anchor(),
          message: `Secret ${code(r.name ?? '(unnamed)')} puts secret values in Git; pattern 3 forbids \`kind: Secret\`. Store ${keys.length ? `its keys (${keys.join(', ')})` : 'the values'} in Vault under ${code(SECRETS.vaultPrefix + svc.name)} and read them with the ExternalSecret ${code(target)}${svc.files.has(esFile) ? ` in ${esFile}` : ''}.`,
          fixes,
        });
      }
    }
    for (const file of project.rootFiles) {
      for (const r of file.resources) {
        if (r.kind === 'Secret')
          report({
            span: r.anchor(),
            message: `Secret ${code(r.name ?? '(unnamed)')} in ${file.path} puts secret values in Git; pattern 3 forbids \`kind: Secret\`. Store the values in Vault under ${code(`${SECRETS.vaultPrefix}<service>`)} and read them with the service's ExternalSecret.`,
          });
      }
    }
  },
});
