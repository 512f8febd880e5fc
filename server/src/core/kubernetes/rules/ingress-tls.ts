import { deref, get, items, pathGet, str } from '../../workspace/nodes';
import { INGRESS } from '../patterns';
import { asMap, type K8sResource } from '../resource';
import { defineK8sRule, type K8sFinding } from '../rule';
import { setEntry } from '../yaml-edit';
import { code, fieldSpan, nodeSpan } from './helpers';

export const ingressTls = defineK8sRule({
  id: 'k8s-ingress-tls',
  severity: 'error',
  category: 'kubernetes',
  pattern: 7,
  description: 'An IngressRoute or Ingress is not served over TLS the house way (websecure, letsencrypt, `secure` options, or the cert-manager issuer).',
  docs: `Pattern 7. An IngressRoute (preferred) listens on the \`websecure\` entry point only (HTTP is redirected at the
entry point), gets its certificate from the \`letsencrypt\` cert resolver and uses the \`secure\` TLS options (A+
rating). A Kubernetes Ingress uses \`ingressClassName: traefik\`, a \`tls\` section and the
\`cert-manager.io/cluster-issuer\` annotation. Certificates are never created by hand (no \`tls.secretName\` on an
IngressRoute).`,
  check({ project, report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        if (r.kind === 'IngressRoute') checkRoute(r, report);
        else if (r.kind === 'Ingress') checkIngress(r, report);
      }
    }
  },
});

function checkRoute(r: K8sResource, report: (f: K8sFinding) => void): void {
  const spec = r.spec;
  const eps = items(get(spec, 'entryPoints')).map((e) => str(e));
  if (eps.length !== 1 || eps[0] !== INGRESS.entryPoint) {
    report({
      span: fieldSpan(r, ['spec', 'entryPoints']),
      message: `${r.describe()} listens on ${code(eps.join(', ') || 'no entry point')}; pattern 7 serves routes on ${code(INGRESS.entryPoint)} only (HTTP is redirected at the entry point).`,
      fixes: spec ? [{ title: `Use entry point ${INGRESS.entryPoint}`, edits: [setEntry(r.text, spec, 'entryPoints', { block: [`- ${INGRESS.entryPoint}`] })], preferred: true }] : [],
    });
  }
  const tls = asMap(get(spec, 'tls'));
  if (!tls) {
    report({
      span: fieldSpan(r, ['spec', 'tls']),
      message: `${r.describe()} has no tls section; pattern 7 serves every route over TLS with cert resolver ${code(INGRESS.certResolver)} and TLS options ${code(INGRESS.tlsOptions)}.`,
      fixes: spec ? [{ title: 'Add the house TLS section', edits: [setEntry(r.text, spec, 'tls', { block: tlsLines() })], preferred: true }] : [],
    });
    return;
  }
  const resolver = deref(get(tls, 'certResolver'));
  if (resolver?.kind !== 'scalar' || resolver.value !== INGRESS.certResolver) {
    const manual = str(get(tls, 'secretName'));
    report({
      span: resolver ? nodeSpan(resolver) : fieldSpan(r, ['spec', 'tls']),
      message: `${r.describe()} ${resolver?.kind === 'scalar' ? `uses cert resolver ${code(resolver.value)}` : manual ? `uses the hand-made certificate ${code(manual)}` : 'sets no cert resolver'}; pattern 7 requires ${code(`certResolver: ${INGRESS.certResolver}`)} (certificates are never created by hand).`,
      fixes: [{ title: `Set certResolver: ${INGRESS.certResolver}`, edits: [setEntry(r.text, tls, 'certResolver', { scalar: INGRESS.certResolver })], preferred: true }],
    });
  }
  const options = deref(pathGet(tls, ['options', 'name']));
  if (options?.kind !== 'scalar' || options.value !== INGRESS.tlsOptions) {
    report({
      span: options ? nodeSpan(options) : fieldSpan(r, ['spec', 'tls', 'options']),
      message: `${r.describe()} ${options?.kind === 'scalar' ? `uses TLS options ${code(options.value)}` : 'sets no TLS options'}; pattern 7 requires the ${code(INGRESS.tlsOptions)} options (namespace ${code(INGRESS.tlsOptionsNamespace)}) for production routes.`,
      fixes: [
        {
          title: `Use TLS options ${INGRESS.tlsOptions}`,
          edits: [setEntry(r.text, tls, 'options', { block: [`name: ${INGRESS.tlsOptions}`, `namespace: ${INGRESS.tlsOptionsNamespace}`] })],
          preferred: true,
        },
      ],
    });
  }
}

function tlsLines(): string[] {
  return [`certResolver: ${INGRESS.certResolver}`, 'options:', `  name: ${INGRESS.tlsOptions}`, `  namespace: ${INGRESS.tlsOptionsNamespace}`];
}

function checkIngress(r: K8sResource, report: (f: K8sFinding) => void): void {
  const cls = deref(get(r.spec, 'ingressClassName'));
  if (cls?.kind !== 'scalar' || cls.value !== INGRESS.ingressClassName) {
    report({
      span: cls ? nodeSpan(cls) : r.anchor(),
      message: `${r.describe()} ${cls?.kind === 'scalar' ? `uses ingress class ${code(cls.value)}` : 'sets no ingressClassName'}; pattern 7 routes everything through Traefik (${code(`ingressClassName: ${INGRESS.ingressClassName}`)}).`,
      fixes: r.spec
        ? [{ title: `Set ingressClassName: ${INGRESS.ingressClassName}`, edits: [setEntry(r.text, r.spec, 'ingressClassName', { scalar: INGRESS.ingressClassName })], preferred: true }]
        : [],
    });
  }
  if (!items(get(r.spec, 'tls')).length) {
    report({
      span: fieldSpan(r, ['spec', 'tls']),
      message: `${r.describe()} has no tls section; pattern 7 serves every host over TLS (tls.hosts with secretName ${code(`${r.name ?? '<service>'}-tls`)}, issued by cert-manager).`,
    });
  }
  const issuer = r.annotations()[INGRESS.issuerAnnotation];
  if (issuer === undefined) {
    const ann = asMap(get(r.metadata, 'annotations'));
    const line = `${INGRESS.issuerAnnotation}: ${INGRESS.issuer}`;
    const edit = ann ? setEntry(r.text, ann, INGRESS.issuerAnnotation, { scalar: INGRESS.issuer }) : r.metadata ? setEntry(r.text, r.metadata, 'annotations', { block: [line] }) : undefined;
    report({
      span: fieldSpan(r, ['metadata', 'annotations']),
      message: `${r.describe()} has no ${code(INGRESS.issuerAnnotation)} annotation; pattern 7 has cert-manager issue its certificate (${code(INGRESS.issuer)}).`,
      fixes: edit ? [{ title: `Add ${line}`, edits: [edit], preferred: true }] : [],
    });
  }
}
