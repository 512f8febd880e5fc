import { deref, get } from '../../workspace/nodes';
import { PROBES } from '../patterns';
import { asMap } from '../resource';
import { defineK8sRule } from '../rule';
import { probeLines } from '../templates';
import { addEntries } from '../yaml-edit';
import { containerSites, firstPort } from './containers';
import { code, nodeSpan, type readmeMentions } from './helpers';

type ProbeKey = keyof typeof PROBES;
const TIMED = ['initialDelaySeconds', 'periodSeconds'] as const;

export const probes = defineK8sRule({
  id: 'k8s-probes',
  severity: 'error',
  category: 'kubernetes',
  pattern: 8,
  description: 'A container lacks a liveness or readiness probe, or uses non-standard timings the README does not document.',
  docs: `Pattern 8: every container has a \`livenessProbe\` and a \`readinessProbe\`. Standard timings: liveness
\`initialDelaySeconds: 30\`, \`periodSeconds: 10\`; readiness \`initialDelaySeconds: 10\`, \`periodSeconds: 5\`. Slow
services (databases) may wait longer, e.g. 60 s / 30 s, when the service README documents it: a line that
mentions the probe (or health check) and the value. Other timings are reported as warnings. The quick fix adds
the missing probes with the standard timings (HTTP \`/health\` and \`/ready\` on the first container port).`,
  check({ project, report }) {
    for (const site of containerSites(project.services)) {
      if (site.container.init) continue;
      const node = site.container.node;
      const missing = (Object.keys(PROBES) as ProbeKey[]).filter((k) => get(node, k) === undefined);
      if (missing.length) {
        const lines = probeLines(firstPort(site.container));
        const wanted = missing.flatMap((k) => {
          const at = lines.indexOf(`${k}:`);
          return lines.slice(at, at + 8);
        });
        report({
          span: site.at,
          message: `The ${site.label} has no ${missing.map(code).join(' and ')}; pattern 8 requires liveness and readiness probes on every container, or Kubernetes neither restarts a hung process nor holds traffic back while it starts.`,
          fixes: [{ title: `Add ${missing.join(' and ')} with the standard timings`, edits: [addEntries(site.workload.text, node, wanted)], preferred: true }],
        });
      }
      for (const key of Object.keys(PROBES) as ProbeKey[]) {
        const probe = asMap(get(node, key));
        if (!probe) continue;
        for (const field of TIMED) {
          const v = deref(get(probe, field));
          if (v?.kind !== 'scalar') continue;
          const value = Number(v.value);
          const standard = PROBES[key][field];
          if (value === standard) continue;
          const documented = value > standard && readmeDocuments(site.svc, value);
          if (documented) continue;
          report({
            span: nodeSpan(v),
            severity: 'warning',
            message: `${code(`${key}.${field}: ${value}`)} of the ${site.label} is not the standard ${standard}; pattern 8 allows slower timings only when the service README explains them${value < standard ? ' (faster ones are never standard)' : ` (mention the probe and ${value} in ${site.svc.readme?.path ?? `${site.svc.dir}/README.md`})`}.`,
          });
        }
      }
    }
  },
});

/** The README has a line about probes or health checks that names the value. */
function readmeDocuments(svc: Parameters<typeof readmeMentions>[0], value: number): boolean {
  const text = svc.readme?.text;
  if (!text) return false;
  return text.split('\n').some((line) => /probe|health|initialDelaySeconds|periodSeconds/i.test(line) && new RegExp(`\\b${value}\\s*(s\\b|sec|second)?`).test(line));
}
