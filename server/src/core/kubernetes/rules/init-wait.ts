import type { Span } from '../../types';
import { get, items, pathGet, str, type SNode } from '../../workspace/nodes';
import { declaredDependencies, type Dependency } from '../dependencies';
import { APP_LABEL, FILE_FOR_KIND } from '../patterns';
import type { K8sResource } from '../resource';
import { defineK8sRule } from '../rule';
import { workloadOf } from '../service-spec';
import { code } from './helpers';

export const initWait = defineK8sRule({
  id: 'k8s-init-wait',
  severity: 'warning',
  category: 'kubernetes',
  pattern: 12,
  description: 'A declared dependency has no init container waiting for it, or the NetworkPolicy does not name it as an egress peer.',
  docs: `Pattern 12: a service never assumes its dependencies are ready. A dependency is what the service declares:
an init container that waits for another service (\`until nc -z postgres 5432\`), that service's host in its
configuration (\`POSTGRES_HOST: postgres\`, \`redis:6379\`, \`http://api.default.svc\` in a ConfigMap, an env
value or an argument) or a "depends on" line in its README. Each dependency has an init container waiting for it,
and the NetworkPolicy names it as an egress peer (\`podSelector.matchLabels.app: <dependency>\`, pattern 5). The
checks run that way only: an egress peer alone is not a dependency (an ingress controller reaches its backends
without depending on them), so it asks for nothing. Host-network pods are outside NetworkPolicies.`,
  check({ project, report }) {
    for (const svc of project.services) {
      const wl = workloadOf(svc);
      if (!wl) continue;
      const np = svc.resources.find((r) => r.kind === 'NetworkPolicy');
      const peers = np ? egressPeers(np) : new Set<string>();
      for (const d of declaredDependencies(project, svc)) {
        const declared = declarationOf(d);
        if (!d.sources.has('init')) {
          report({
            span: declared.span,
            message: `${declared.what} declares a dependency on ${code(d.name)}, but ${wl.file} has no init container waiting for it; pattern 12 waits for dependencies (e.g. ${code(`until nc -z ${d.name} ${d.port ?? '<port>'}`)}) instead of assuming they are up.`,
            related: [{ span: wl.anchor(), message: 'the workload' }],
          });
        }
        if (!np || svc.facts.hostNetwork || peers.has(d.name)) continue;
        const effect = dropsTrafficTo(np, d.port) ? `; traffic to it is dropped${d.initContainer ? ` and init container ${code(d.initContainer)} would wait forever` : ''}` : '';
        report({
          span: declared.span,
          message: `${declared.what} declares a dependency on ${code(d.name)}, but ${np.file} has no egress peer ${code(`${APP_LABEL}: ${d.name}`)}${effect}. Declare it in ${FILE_FOR_KIND.NetworkPolicy} (patterns 5 and 12).`,
          related: [{ span: np.anchor(), message: 'the NetworkPolicy' }],
        });
      }
    }
  },
});

/** Where the dependency is declared, preferring the manifests to the README. */
function declarationOf(d: Dependency): { span: Span; what: string } {
  const init = d.sources.get('init');
  if (init) return { span: init, what: `Init container ${code(d.initContainer ?? '')}` };
  const config = d.sources.get('config');
  if (config) return { span: config, what: `${config.file} (its host)` };
  const readme = d.sources.get('readme')!;
  return { span: readme, what: readme.file };
}

/** The `app` labels of the policy's egress peers. */
function egressPeers(np: K8sResource): Set<string> {
  const out = new Set<string>();
  for (const rule of items(get(np.spec, 'egress'))) {
    for (const peer of items(get(rule, 'to'))) {
      const app = str(pathGet(peer, ['podSelector', 'matchLabels', APP_LABEL]));
      if (app) out.add(app);
    }
  }
  return out;
}

/**
 * True only when the policy certainly drops traffic to the dependency: egress is restricted and every
 * rule is for other ports or lists only peers selected by another `app` label. Any other peer (an
 * ipBlock, a whole namespace, matchExpressions) or port form (a named port, a range) might admit it.
 */
function dropsTrafficTo(np: K8sResource, port: number | undefined): boolean {
  const types = items(get(np.spec, 'policyTypes')).map((t) => str(t));
  const egress = get(np.spec, 'egress');
  if (!types.includes('Egress') && egress === undefined) return false;
  return !items(egress).some((rule) => mightAdmit(rule, port));
}

function mightAdmit(rule: SNode, port: number | undefined): boolean {
  const ports = items(get(rule, 'ports'));
  const portOk =
    ports.length === 0 ||
    port === undefined ||
    ports.some((p) => {
      const v = str(get(p, 'port'));
      return v === undefined || !/^\d+$/.test(v) || get(p, 'endPort') !== undefined || Number(v) === port;
    });
  if (!portOk) return false;
  const peers = items(get(rule, 'to'));
  return peers.length === 0 || peers.some((peer) => str(pathGet(peer, ['podSelector', 'matchLabels', APP_LABEL])) === undefined);
}
