import { join } from '../../workspace/paths';
import type { QuickFix } from '../../kubernetes/edits';
import { fileForKind } from '../../kubernetes/patterns';
import { defineRule } from '../rule';
import { code } from './helpers';

export const fileName = defineRule({
  over: 'kubernetes',
  id: 'k8s-file-name',
  severity: 'error',
  category: 'kubernetes',
  pattern: 1,
  description: 'A manifest file is not named for the kind it holds.',
  docs: `Files are named exactly as pattern 1 lists them: \`deployment.yaml\`, \`service.yaml\`, \`ingressroute.yaml\` (or
\`ingress.yaml\`), \`configmap.yaml\`, \`external-secret.yaml\`, \`pvc.yaml\`, \`network-policy.yaml\`,
\`servicemonitor.yaml\`. Kinds the pattern does not list live in \`<kind in lower case>.yaml\` (\`serviceaccount.yaml\`).
Tools and people find a service's parts by these names. The quick fix renames the file.`,
  check(project, { report }) {
    for (const svc of project.services) {
      for (const [name, file] of svc.files) {
        const r = file.resources[0];
        const kind = r?.kind;
        if (!r || !kind) continue;
        const expected = fileForKind(kind);
        if (expected === name) continue;
        const fixes: QuickFix[] = [];
        const taken = svc.files.has(expected) || svc.otherFiles.includes(expected);
        if (!taken && file.resources.length === 1) {
          fixes.push({ title: `Rename ${name} to ${expected}`, edits: [], delete: [file.path], create: [{ path: join(svc.dir, expected), text: file.text }], preferred: true });
        }
        const kindNode = r.kindNode;
        report({
          span: kindNode && kindNode.end > kindNode.start ? { file: file.path, start: kindNode.start, end: kindNode.end } : r.anchor(),
          message: `${code(kind)} resource ${code(r.name ?? '(unnamed)')} is in ${name}; pattern 1 names its file ${expected}${taken ? ` (which already exists: merge the two)` : ''}.`,
          fixes,
        });
      }
    }
  },
});
