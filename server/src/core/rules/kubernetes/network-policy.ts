import { deref, get, items, pathGet, str } from '../../workspace/nodes';
import { APP_LABEL, FILE_FOR_KIND, TRAEFIK_APP } from '../../kubernetes/patterns';
import type { K8sResource } from '../../kubernetes/resource';
import { defineRule, type KubernetesFinding } from '../rule';
import { code, fieldSpan, nodeSpan } from './helpers';

export const networkPolicy = defineRule({
  over: 'kubernetes',
  id: 'k8s-network-policy',
  severity: 'error',
  category: 'kubernetes',
  pattern: 5,
  description: "A service's NetworkPolicy does not select its pods, lacks a policy type, or shuts Traefik out of an exposed service.",
  docs: `Pattern 5: each service has exactly one NetworkPolicy \`<service>-network-policy\`. It selects the service's
pods (\`podSelector.matchLabels.app: <service>\`), lists both policy types (\`Ingress\` and \`Egress\`, so both
directions are restricted), and an exposed service lets Traefik in (an ingress peer with
\`podSelector.matchLabels.app: traefik\`, or an ingress rule without \`from\`).`,
  check(project, { report }) {
    for (const svc of project.services) {
      // The one in network-policy.yaml is the service's policy; any other is the extra one.
      const policies = svc.resources
        .filter((r) => r.kind === 'NetworkPolicy')
        .sort((a, b) => Number(!a.file.endsWith(`/${FILE_FOR_KIND.NetworkPolicy}`)) - Number(!b.file.endsWith(`/${FILE_FOR_KIND.NetworkPolicy}`)));
      for (const extra of policies.slice(1)) {
        report({ span: extra.anchor(), message: `Service ${code(svc.name)} has ${policies.length} NetworkPolicies; pattern 5 keeps one per service (${policies[0]!.file}). Merge their rules.` });
      }
      for (const np of policies) checkOne(np, svc.name, !!svc.facts.exposed && svc.name !== TRAEFIK_APP, report);
    }
  },
});

function checkOne(np: K8sResource, svc: string, exposed: boolean, report: (f: KubernetesFinding) => void): void {
  const app = deref(pathGet(np.spec, ['podSelector', 'matchLabels', APP_LABEL]));
  if (app?.kind !== 'scalar' || app.value !== svc) {
    report({
      span: app ? nodeSpan(app) : fieldSpan(np, ['spec', 'podSelector', 'matchLabels', APP_LABEL]),
      message: `${np.describe()} ${app?.kind === 'scalar' ? `selects pods with app ${code(app.value)}` : 'has no podSelector.matchLabels.app'}; pattern 5 requires ${code(`${APP_LABEL}: ${svc}`)} so it isolates this service's pods.`,
    });
  }
  const types = items(get(np.spec, 'policyTypes')).map((t) => str(t));
  const missing = ['Ingress', 'Egress'].filter((t) => !types.includes(t));
  if (missing.length) {
    report({
      span: fieldSpan(np, ['spec', 'policyTypes']),
      message: `${np.describe()} does not list policy type ${missing.map(code).join(' and ')}; pattern 5 restricts both directions. Add it to spec.policyTypes.`,
    });
  }
  if (exposed && !allowsTraefik(np)) {
    report({
      span: fieldSpan(np, ['spec', 'ingress']),
      message: `Service ${code(svc)} is exposed through Traefik, but ${np.describe()} admits no ingress from pods with ${code(`${APP_LABEL}: ${TRAEFIK_APP}`)}; requests would be dropped. Add a podSelector peer for Traefik under spec.ingress.`,
    });
  }
}

function allowsTraefik(np: K8sResource): boolean {
  for (const rule of items(get(np.spec, 'ingress'))) {
    const from = get(rule, 'from');
    if (from === undefined || items(from).length === 0) return true; // no `from`: every source
    for (const peer of items(from)) {
      if (str(pathGet(peer, ['podSelector', 'matchLabels', APP_LABEL])) === TRAEFIK_APP) return true;
    }
  }
  return false;
}
