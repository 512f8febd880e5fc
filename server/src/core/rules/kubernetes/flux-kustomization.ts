import { deref, get, pathGet, str } from '../../workspace/nodes';
import { normalize } from '../../workspace/paths';
import { FLUX, fluxPathFor } from '../../kubernetes/patterns';
import type { K8sResource } from '../../kubernetes/resource';
import { defineRule, type KubernetesFinding } from '../rule';
import { setEntry } from '../../kubernetes/yaml-edit';
import { code, fieldSpan, nodeSpan } from './helpers';

export const fluxKustomization = defineRule({
  over: 'kubernetes',
  id: 'k8s-flux-kustomization',
  severity: 'error',
  category: 'kubernetes',
  pattern: 13,
  description: 'A Flux Kustomization in flux/apps is not shaped as pattern 13 (one per service, named after it, path, prune, source, interval).',
  docs: `Pattern 13: \`flux/apps/<service>.yaml\` holds one \`kustomize.toolkit.fluxcd.io\` Kustomization named \`<service>\`
(namespace \`flux-system\`) with \`path: ./kubernetes/base/<service>\`, \`prune: true\` (resources deleted from Git are
removed from the cluster), \`sourceRef: { kind: GitRepository, name: flux-system }\` and an \`interval\`. Each service
folder has exactly one Kustomization. A path that names no folder is reported by \`k8s-ref-unknown\`.`,
  check(project, { report }) {
    const byPath = new Map<string, K8sResource>();
    // A Kustomization in the file named after the folder it deploys is that folder's own; others are the duplicates.
    const own = (app: (typeof project.flux)[number]) =>
      normalize(str(get(app.file.resources[0]?.spec, 'path')) ?? '')
        ?.split('/')
        .pop() === app.service;
    const ordered = [...project.flux].sort((a, b) => Number(!own(a)) - Number(!own(b)));
    for (const app of ordered) {
      const docs = app.file.resources;
      for (const extra of docs.slice(1)) report({ span: extra.anchor(), message: `${app.path} holds ${docs.length} resources; pattern 13 keeps one Kustomization per file (per service).` });
      const r = docs[0];
      if (!r) continue;
      if (r.kind !== 'Kustomization' || !(r.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/')) {
        report({ span: r.anchor(), message: `${app.path} holds ${r.describe()} (${r.apiVersion ?? 'no apiVersion'}); pattern 13 expects a Flux Kustomization (${code(FLUX.apiVersion)}).` });
        continue;
      }
      checkOne(r, app.service, project.services.find((s) => s.name === app.service)?.dir, report);
      const path = normalize(str(get(r.spec, 'path')) ?? '');
      if (path) {
        const first = byPath.get(path);
        if (first)
          report({
            span: fieldSpan(r, ['spec', 'path']),
            message: `${r.describe()} deploys ${code(`./${path}`)}, which ${first.file} already deploys; pattern 13 has one Kustomization per service. Remove one.`,
            related: [{ span: first.anchor(), message: 'the other Kustomization' }],
          });
        else byPath.set(path, r);
      }
    }
  },
});

function checkOne(r: K8sResource, svc: string, dir: string | undefined, report: (f: KubernetesFinding) => void): void {
  const spec = r.spec;
  const name = r.nameNode;
  if (r.name !== svc) {
    report({
      span: name ? nodeSpan(name) : r.anchor(),
      message: `Kustomization ${code(r.name ?? '(unnamed)')} in ${r.file} is not named after its service; pattern 13 names it ${code(svc)}.`,
      fixes: name ? [{ title: `Rename to ${svc}`, edits: [{ file: r.file, start: name.start, end: name.end, newText: svc }], preferred: true }] : [],
    });
  }
  const path = deref(get(spec, 'path'));
  if (path?.kind !== 'scalar' || path.value === null) {
    report({
      span: fieldSpan(r, ['spec', 'path']),
      message: `${r.describe()} has no spec.path; pattern 13 points it at ${code(dir ? fluxPathFor(dir) : `./kubernetes/base/${svc}`)}.`,
      fixes: spec && dir ? [{ title: `Set path ${fluxPathFor(dir)}`, edits: [setEntry(r.text, spec, 'path', { scalar: fluxPathFor(dir) })] }] : [],
    });
  } else if (dir && normalize(String(path.value)) !== dir) {
    report({
      span: nodeSpan(path),
      message: `${r.describe()} deploys ${code(path.value)}; pattern 13 points ${svc}'s Kustomization at its folder ${code(fluxPathFor(dir))}.`,
      fixes: [{ title: `Set path ${fluxPathFor(dir)}`, edits: [{ file: r.file, start: path.start, end: path.end, newText: fluxPathFor(dir) }], preferred: true }],
    });
  } else if (dir && String(path.value) !== fluxPathFor(dir)) {
    report({
      span: nodeSpan(path),
      severity: 'warning',
      message: `${r.describe()} writes its path as ${code(path.value)}; pattern 13 writes ${code(fluxPathFor(dir))}.`,
      fixes: [{ title: `Write ${fluxPathFor(dir)}`, edits: [{ file: r.file, start: path.start, end: path.end, newText: fluxPathFor(dir) }], preferred: true }],
    });
  }
  const prune = deref(get(spec, 'prune'));
  if (prune?.kind !== 'scalar' || prune.value !== true) {
    report({
      span: prune ? nodeSpan(prune) : fieldSpan(r, ['spec', 'prune']),
      message: `${r.describe()} ${prune ? `sets prune to ${code(prune.kind === 'scalar' ? prune.value : '…')}` : 'does not set prune'}; pattern 13 requires ${code('prune: true')} so resources removed from Git are removed from the cluster.`,
      fixes: spec ? [{ title: 'Set prune: true', edits: [setEntry(r.text, spec, 'prune', { scalar: 'true' })], preferred: true }] : [],
    });
  }
  const kind = str(pathGet(spec, ['sourceRef', 'kind']));
  const src = str(pathGet(spec, ['sourceRef', 'name']));
  if (kind !== FLUX.sourceKind || src !== FLUX.sourceName) {
    report({
      span: fieldSpan(r, ['spec', 'sourceRef']),
      message: `${r.describe()} reads from ${kind || src ? code(`${kind ?? '?'} ${src ?? '?'}`) : 'no sourceRef'}; pattern 13 deploys from ${code(`${FLUX.sourceKind} ${FLUX.sourceName}`)}, the repository Flux was bootstrapped with.`,
      fixes: spec
        ? [
            {
              title: `Set sourceRef ${FLUX.sourceKind} ${FLUX.sourceName}`,
              edits: [setEntry(r.text, spec, 'sourceRef', { block: [`kind: ${FLUX.sourceKind}`, `name: ${FLUX.sourceName}`] })],
              preferred: true,
            },
          ]
        : [],
    });
  }
  if (str(get(spec, 'interval')) === undefined) {
    report({
      span: fieldSpan(r, ['spec', 'interval']),
      message: `${r.describe()} has no spec.interval; Flux needs one to reconcile (pattern 13 uses ${code(FLUX.interval)}).`,
      fixes: spec ? [{ title: `Set interval: ${FLUX.interval}`, edits: [setEntry(r.text, spec, 'interval', { scalar: FLUX.interval })], preferred: true }] : [],
    });
  }
}
