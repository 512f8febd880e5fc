import { deref, get, items, pathGet } from '../../workspace/nodes';
import { APP_LABEL, METRICS } from '../patterns';
import { servicePorts } from '../ref-index';
import { asMap } from '../resource';
import { defineK8sRule } from '../rule';
import { setEntry } from '../yaml-edit';
import { code, fieldSpan, nodeSpan } from './helpers';

export const serviceMonitor = defineK8sRule({
  id: 'k8s-service-monitor',
  severity: 'error',
  category: 'kubernetes',
  pattern: 6,
  description: 'A ServiceMonitor does not scrape port `metrics` at `/metrics`, or the Service has no port named `metrics`.',
  docs: `Pattern 6: the ServiceMonitor \`<service>-monitor\` selects \`app: <service>\` and scrapes the endpoint port
named \`metrics\` at path \`/metrics\`; the Service names that port \`metrics\`. Prometheus finds targets by these
names, so any other port name or path silently scrapes nothing.`,
  check({ project, report }) {
    for (const svc of project.services) {
      const services = svc.resources.filter((r) => r.kind === 'Service');
      const hasMetricsPort = services.some((s) => servicePorts(s).some((p) => p.name === METRICS.portName));
      for (const r of svc.resources) {
        if (r.kind !== 'ServiceMonitor') continue;
        const app = deref(pathGet(r.spec, ['selector', 'matchLabels', APP_LABEL]));
        if (app?.kind !== 'scalar' || app.value !== svc.name) {
          report({
            span: app ? nodeSpan(app) : fieldSpan(r, ['spec', 'selector']),
            message: `${r.describe()} ${app?.kind === 'scalar' ? `selects app ${code(app.value)}` : 'has no selector.matchLabels.app'}; pattern 6 selects ${code(`${APP_LABEL}: ${svc.name}`)}.`,
          });
        }
        const endpoints = items(get(r.spec, 'endpoints'));
        if (!endpoints.length)
          report({ span: fieldSpan(r, ['spec', 'endpoints']), message: `${r.describe()} has no endpoints; pattern 6 scrapes port ${code(METRICS.portName)} at ${code(METRICS.path)}.` });
        for (const ep of endpoints) {
          const map = asMap(ep);
          const port = deref(get(ep, 'port'));
          if (port?.kind !== 'scalar' || port.value !== METRICS.portName) {
            // The Service port the endpoint scraped is renamed with it, so the pair still matches.
            const old = port?.kind === 'scalar' ? String(port.value) : undefined;
            const renamed = hasMetricsPort
              ? []
              : services.flatMap((s) =>
                  servicePorts(s)
                    .filter((p) => p.name === old && p.nameSpan)
                    .map((p) => ({ ...p.nameSpan!, newText: METRICS.portName })),
                );
            report({
              span: port ? nodeSpan(port) : nodeSpan(ep),
              message: `${r.describe()} scrapes port ${code(old ?? '(none)')}; pattern 6 requires the port named ${code(METRICS.portName)}${renamed.length ? ` (rename the Service port ${code(old)} too)` : ''}.`,
              fixes: map
                ? [
                    {
                      title: renamed.length ? `Name the metrics port ${METRICS.portName} here and in the Service` : `Scrape port ${METRICS.portName}`,
                      edits: [setEntry(r.text, map, 'port', { scalar: METRICS.portName }), ...renamed],
                      preferred: true,
                    },
                  ]
                : [],
            });
          } else if (!hasMetricsPort && services.length) {
            report({
              span: nodeSpan(port),
              message: `${r.describe()} scrapes port ${code(METRICS.portName)}, but ${services.map((s) => s.file).join(', ')} has no port named ${code(METRICS.portName)}; Prometheus would find no target. Name the metrics port of the Service ${code(METRICS.portName)}.`,
              related: services.map((s) => ({ span: s.anchor(), message: 'the Service' })),
            });
          }
          const path = deref(get(ep, 'path'));
          if (path && (path.kind !== 'scalar' || path.value !== METRICS.path)) {
            report({
              span: nodeSpan(path),
              message: `${r.describe()} scrapes path ${code(path.kind === 'scalar' ? path.value : '…')}; pattern 6 requires ${code(METRICS.path)}.`,
              fixes: map ? [{ title: `Scrape ${METRICS.path}`, edits: [setEntry(r.text, map, 'path', { scalar: METRICS.path })], preferred: true }] : [],
            });
          }
        }
      }
      // Metrics announced by annotation but no port to scrape by name.
      const fact = svc.facts.metrics;
      if (fact && !hasMetricsPort && !svc.resources.some((r) => r.kind === 'ServiceMonitor')) {
        report({
          span: fact,
          message: `Service ${code(svc.name)} announces metrics with a ${code('prometheus.io')} annotation, but its Service has no port named ${code(METRICS.portName)}; pattern 6 scrapes through a ServiceMonitor on that port. Name the port ${code(METRICS.portName)} and add servicemonitor.yaml.`,
        });
      }
    }
  },
});
