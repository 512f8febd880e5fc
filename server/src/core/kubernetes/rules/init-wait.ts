import { deref, get, items, str } from '../../workspace/nodes';
import { FILE_FOR_KIND } from '../patterns';
import { defineK8sRule } from '../rule';
import { egressDependencies, workloadOf } from '../service-spec';
import { code, nodeSpan } from './helpers';

export const initWait = defineK8sRule({
  id: 'k8s-init-wait',
  severity: 'warning',
  category: 'kubernetes',
  pattern: 12,
  description: 'A declared dependency has no init container waiting for it, or an init container waits for a service the NetworkPolicy does not let it reach.',
  docs: `Pattern 12: a service never assumes its dependencies are ready. Dependencies are declared in the
NetworkPolicy (an egress peer \`podSelector.matchLabels.app: <dependency>\`), and the workload has an init container
that waits for each one (e.g. \`until nc -z postgres 5432\`). Conversely an init container that waits for a service
the NetworkPolicy does not allow would wait forever.`,
  check({ project, report }) {
    const known = new Set(project.services.map((s) => s.name));
    for (const svc of project.services) {
      const wl = workloadOf(svc);
      const np = svc.resources.find((r) => r.kind === 'NetworkPolicy');
      if (!wl || !np) continue;
      const inits = wl.containers().filter((c) => c.init).map((c) => ({ c, text: [...items(get(c.node, 'command')), ...items(get(c.node, 'args'))].map((n) => str(n) ?? '').join(' ') }));
      const deps = egressDependencies(svc);
      const mentions = (text: string, name: string) => new RegExp(`(^|[^a-z0-9-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9-]|$)`).test(text);
      for (const d of deps) {
        if (inits.some((i) => mentions(i.text, d.name) || i.c.name === `wait-for-${d.name}`)) continue;
        report({
          span: nodeSpan(deref(d.node)!),
          message: `${np.file} declares a dependency on ${code(d.name)}, but ${wl.file} has no init container waiting for it; pattern 12 waits for dependencies (e.g. ${code(`until nc -z ${d.name} ${d.port ?? '<port>'}`)}) instead of assuming they are up.`,
          related: [{ span: wl.anchor(), message: 'the workload' }],
        });
      }
      const allowed = new Set(deps.map((d) => d.name));
      for (const i of inits) {
        for (const other of known) {
          if (other === svc.name || allowed.has(other) || !mentions(i.text, other)) continue;
          const name = deref(get(i.c.node, 'name'));
          report({
            span: name ? nodeSpan(name) : nodeSpan(i.c.node),
            message: `Init container ${code(i.c.name ?? '')} waits for ${code(other)}, but ${np.file} has no egress to ${code(`app: ${other}`)}; it would wait forever. Declare the dependency in ${FILE_FOR_KIND.NetworkPolicy} (pattern 12).`,
            related: [{ span: np.anchor(), message: 'the NetworkPolicy' }],
          });
        }
      }
    }
  },
});
