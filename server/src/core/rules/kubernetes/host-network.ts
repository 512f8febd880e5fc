import { deref, get } from '../../workspace/nodes';
import { HOST_NETWORK_DNS_POLICY, README } from '../../kubernetes/patterns';
import { defineRule } from '../rule';
import { setEntry } from '../../kubernetes/yaml-edit';
import { code, nodeSpan, readmeMentions } from './helpers';

export const hostNetwork = defineRule({
  over: 'kubernetes',
  id: 'k8s-host-network',
  severity: 'error',
  category: 'kubernetes',
  pattern: 5,
  description: 'A hostNetwork pod lacks `dnsPolicy: ClusterFirstWithHostNet` or a README note.',
  docs: `Pattern 5: a pod with \`hostNetwork: true\` (the WireGuard VPN binds the host interface) sets
\`dnsPolicy: ClusterFirstWithHostNet\`, otherwise it resolves names with the host's resolver and cannot reach
cluster services by name. Special networking is documented in the service README (mention "host network" or
\`hostNetwork\`).`,
  check(project, { report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        const spec = r.podSpec;
        const hn = deref(get(spec, 'hostNetwork'));
        if (!spec || hn?.kind !== 'scalar' || hn.value !== true) continue;
        const dns = deref(get(spec, 'dnsPolicy'));
        if (dns?.kind !== 'scalar' || dns.value !== HOST_NETWORK_DNS_POLICY) {
          report({
            span: dns ? nodeSpan(dns) : nodeSpan(hn),
            message: `${r.describe()} runs on the host network ${dns?.kind === 'scalar' ? `with dnsPolicy ${code(dns.value)}` : 'without a dnsPolicy'}; pattern 5 requires ${code(HOST_NETWORK_DNS_POLICY)} so it can still resolve cluster services.`,
            fixes: [{ title: `Set dnsPolicy: ${HOST_NETWORK_DNS_POLICY}`, edits: [setEntry(r.text, spec, 'dnsPolicy', { scalar: HOST_NETWORK_DNS_POLICY })], preferred: true }],
          });
        }
        if (!readmeMentions(svc, /host[ -]?network/i)) {
          report({
            span: nodeSpan(hn),
            message: `${r.describe()} uses hostNetwork, but ${svc.readme ? svc.readme.path : `${svc.dir}/${README}`} does not document it; pattern 5 asks for special networking (why the host network, which ports) to be written in the README.`,
          });
        }
      }
    }
  },
});
