import { get } from '../../workspace/nodes';
import { INGRESS } from '../patterns';
import { asMap } from '../resource';
import { defineK8sRule } from '../rule';
import { hostsOf } from '../service-spec';
import { setEntry } from '../yaml-edit';
import { code, fieldSpan } from './helpers';

export const ingressDns = defineK8sRule({
  id: 'k8s-ingress-dns',
  severity: 'error',
  category: 'kubernetes',
  pattern: 7,
  description: 'An IngressRoute or Ingress lacks the external-dns hostname annotation for its host.',
  docs: `Pattern 7: exposed routes carry \`external-dns.alpha.kubernetes.io/hostname: <service>.<domain>\` (and a
\`ttl\`), so external-dns creates the DNS record; without it the host name does not resolve. The annotation names
the host the route matches. The quick fix adds it with the route's host.`,
  check({ project, report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        if (r.kind !== 'IngressRoute' && r.kind !== 'Ingress') continue;
        const hosts = hostsOf(r);
        const annotated = r.annotations()[INGRESS.hostnameAnnotation];
        const ann = asMap(get(r.metadata, 'annotations'));
        if (annotated === undefined) {
          const host = hosts[0];
          const fixes =
            host && r.metadata
              ? [
                  {
                    title: `Add ${INGRESS.hostnameAnnotation}: ${host}`,
                    edits: [
                      ann
                        ? setEntry(r.text, ann, INGRESS.hostnameAnnotation, { scalar: host })
                        : setEntry(r.text, r.metadata, 'annotations', { block: [`${INGRESS.hostnameAnnotation}: ${host}`, `${INGRESS.ttlAnnotation}: "300"`] }),
                    ],
                    preferred: true,
                  },
                ]
              : [];
          report({
            span: fieldSpan(r, ['metadata', 'annotations']),
            message: `${r.describe()} has no ${code(INGRESS.hostnameAnnotation)} annotation; pattern 7 lets external-dns create the record${host ? ` for ${code(host)}` : ''}. Add it.`,
            fixes,
          });
          continue;
        }
        const names = annotated.split(',').map((h) => h.trim());
        const unmatched = hosts.filter((h) => !names.includes(h));
        if (unmatched.length && ann) {
          const e = ann.byKey.get(INGRESS.hostnameAnnotation)!;
          report({
            span: { file: r.file, start: e.value.start, end: e.value.end },
            message: `The external-dns hostname ${code(annotated)} of ${r.describe()} does not name ${unmatched.map(code).join(', ')}, which the route serves; no DNS record would be made for it.`,
          });
        }
      }
    }
  },
});
