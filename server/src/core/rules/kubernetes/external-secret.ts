import { deref, get, items, pathGet, str } from '../../workspace/nodes';
import { NAME_FOR_KIND, SECRETS } from '../../kubernetes/patterns';
import { asMap, type K8sResource } from '../../kubernetes/resource';
import { defineRule, type KubernetesFinding } from '../rule';
import { setEntry } from '../../kubernetes/yaml-edit';
import { code, fieldSpan, nodeSpan } from './helpers';

export const externalSecret = defineRule({
  over: 'kubernetes',
  id: 'k8s-external-secret',
  severity: 'error',
  category: 'kubernetes',
  pattern: 3,
  description: 'An ExternalSecret misses the refresh interval, `creationPolicy: Owner`, the store reference, the target name or reads outside `homelab/<service>`.',
  docs: `Pattern 3's ExternalSecret has a \`refreshInterval\` (so rotated values arrive), a \`secretStoreRef\` with
\`name\` and \`kind\`, a \`target\` named \`<service>-secrets\` with \`creationPolicy: Owner\` (the Secret survives while
Vault is unreachable), and remote keys under \`homelab/<service>\` (one Vault path per service).`,
  check(project, { report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) if (r.kind === 'ExternalSecret') checkOne(r, svc.name, report);
    }
  },
});

function checkOne(r: K8sResource, svc: string, report: (f: KubernetesFinding) => void): void {
  const spec = r.spec;
  const where = r.describe();
  if (str(get(spec, 'refreshInterval')) === undefined) {
    report({
      span: fieldSpan(r, ['spec', 'refreshInterval']),
      message: `${where} has no spec.refreshInterval; pattern 3 sets one (e.g. ${code(SECRETS.refreshInterval)}) so rotated values reach the cluster.`,
      fixes: spec ? [{ title: `Set refreshInterval: ${SECRETS.refreshInterval}`, edits: [setEntry(r.text, spec, 'refreshInterval', { scalar: SECRETS.refreshInterval })] }] : [],
    });
  }
  const store = asMap(get(spec, 'secretStoreRef'));
  if (!str(get(store, 'name')) || !str(get(store, 'kind'))) {
    report({
      span: fieldSpan(r, ['spec', 'secretStoreRef']),
      message: `${where} needs spec.secretStoreRef with a name and kind (e.g. ${code(SECRETS.defaultStore.name)}, ${code(SECRETS.defaultStore.kind)}); without it nothing is read.`,
    });
  }
  const target = asMap(get(spec, 'target'));
  const expected = NAME_FOR_KIND.ExternalSecret!(svc);
  const targetName = deref(get(target, 'name'));
  if (targetName?.kind === 'scalar' && targetName.value !== expected) {
    report({
      span: nodeSpan(targetName),
      message: `${where} creates Secret ${code(targetName.value)}; pattern 3 names it ${code(expected)}, the name deployments read.`,
      fixes: [{ title: `Set target name ${expected}`, edits: [setEntry(r.text, target!, 'name', { scalar: expected })] }],
    });
  }
  const policy = deref(get(target, 'creationPolicy'));
  if (policy?.kind !== 'scalar' || policy.value !== SECRETS.creationPolicy) {
    report({
      span: policy ? nodeSpan(policy) : fieldSpan(r, ['spec', 'target', 'creationPolicy']),
      message: `${where} ${policy?.kind === 'scalar' ? `has creationPolicy ${code(policy.value)}` : 'has no target.creationPolicy'}; pattern 3 requires ${code(SECRETS.creationPolicy)}, which keeps the Secret while Vault is unreachable.`,
      fixes: target ? [{ title: `Set creationPolicy: ${SECRETS.creationPolicy}`, edits: [setEntry(r.text, target, 'creationPolicy', { scalar: SECRETS.creationPolicy })], preferred: true }] : [],
    });
  }
  const prefix = SECRETS.vaultPrefix + svc;
  const keys = [...items(get(spec, 'data')).map((d) => pathGet(d, ['remoteRef', 'key'])), ...items(get(spec, 'dataFrom')).map((d) => pathGet(d, ['extract', 'key']) ?? pathGet(d, ['find', 'path']))];
  if (!keys.some((k) => k !== undefined)) {
    report({ span: fieldSpan(r, ['spec', 'data']), message: `${where} reads no remote keys; list them under spec.data (remoteRef.key ${code(prefix)}).` });
  }
  for (const k of keys) {
    const node = deref(k);
    if (node?.kind !== 'scalar') continue;
    const v = String(node.value ?? '');
    if (v === prefix || v.startsWith(`${prefix}/`)) continue;
    report({
      span: nodeSpan(node),
      message: `Remote key ${code(v)} is outside ${code(prefix)}; pattern 3 keeps each service's secrets at Vault path ${code(prefix)}.`,
      fixes: [{ title: `Use ${prefix}`, edits: [{ file: r.file, start: node.start, end: node.end, newText: prefix }] }],
    });
  }
}
