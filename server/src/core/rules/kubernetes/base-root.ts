import { defineRule } from '../rule';
import { code } from './helpers';

export const baseRoot = defineRule({
  over: 'kubernetes',
  id: 'k8s-base-root',
  severity: 'error',
  category: 'kubernetes',
  pattern: 1,
  description: 'A manifest sits directly in kubernetes/base instead of a service folder.',
  docs: `Pattern 1: every resource lives in \`kubernetes/base/<service>/\`; nothing goes in the root of \`kubernetes/base\`
(Flux applies a service folder at a time, so a file at the root belongs to no Kustomization). Move the file into
the folder of the service it belongs to. The folder is configurable with \`kubernetes: { base: … }\` in \`.strata.yaml\`.`,
  check(project, { report }) {
    for (const file of project.rootFiles) {
      for (const r of file.resources) {
        report({
          span: r.anchor(),
          message: `${r.describe()} is in ${file.path}, at the root of ${project.base}; pattern 1 keeps every resource in ${project.base}/<service>/. Move it into the folder of the service it belongs to${r.labels().app ? ` (its label says ${code(r.labels().app)})` : ''}.`,
        });
      }
    }
  },
});
