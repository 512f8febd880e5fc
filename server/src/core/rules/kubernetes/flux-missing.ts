import { normalize } from '../../workspace/paths';
import { fluxFileFor } from '../../kubernetes/patterns';
import { defineRule } from '../rule';
import { fluxKustomizationYaml } from '../../kubernetes/templates';
import { code, createFileFix, serviceAnchor } from './helpers';

export const fluxMissing = defineRule({
  over: 'kubernetes',
  id: 'k8s-flux-missing',
  severity: 'error',
  category: 'kubernetes',
  pattern: 13,
  description: 'A service folder has no Flux Kustomization in flux/apps.',
  docs: `Pattern 13: every service is deployed by Flux through \`flux/apps/<service>.yaml\`, a Kustomization whose path is
the service folder. Without it the manifests are never applied (and services are never deployed by hand). The
quick fix writes the Kustomization.`,
  check(project, { report }) {
    const paths = new Set(
      project.flux.flatMap((f) => f.file.resources.map((r) => r.spec?.byKey.get('path')).map((e) => (e && e.value.kind === 'scalar' ? normalize(String(e.value.value ?? '')) : undefined))),
    );
    const names = new Set(project.flux.map((f) => f.service));
    for (const svc of project.services) {
      if (paths.has(svc.dir) || names.has(svc.name)) continue;
      const anchor = serviceAnchor(svc);
      if (!anchor) continue;
      const path = fluxFileFor(svc.name);
      report({
        span: anchor,
        message: `Service ${code(svc.name)} has no Flux Kustomization; pattern 13 deploys every service through ${path} (path ${code(`./${svc.dir}`)}). Add it.`,
        fixes: [createFileFix(path, fluxKustomizationYaml(svc.name, svc.dir), `Create ${path}`)],
      });
    }
  },
});
