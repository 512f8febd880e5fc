import { KEBAB_CASE } from '../../kubernetes/patterns';
import { defineRule } from '../rule';
import { code, serviceAnchor } from './helpers';

export const folderName = defineRule({
  over: 'kubernetes',
  id: 'k8s-folder-name',
  severity: 'error',
  category: 'kubernetes',
  pattern: 1,
  description: 'A service folder name is not kebab-case.',
  docs: `Service names are kebab-case (lower case, digits and hyphens: \`nextcloud\`, \`arr-sonarr\`), never camelCase,
snake_case or upper case: every resource name and label is derived from the folder name, and Kubernetes names
must be DNS labels. Rename the folder (and its Flux Kustomization).`,
  check(project, { report }) {
    for (const svc of project.services) {
      if (KEBAB_CASE.test(svc.name)) continue;
      const anchor = serviceAnchor(svc);
      if (!anchor) continue;
      report({
        span: anchor,
        message: `Service folder ${code(svc.name)} (${svc.dir}) is not kebab-case; pattern 1 names services in lower case with hyphens, and every resource name and label derives from it. Rename the folder to ${code(kebab(svc.name))}.`,
      });
    }
  },
});

export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
