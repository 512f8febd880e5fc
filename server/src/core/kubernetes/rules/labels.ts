import { deref, get, type SMap } from '../../workspace/nodes';
import type { QuickFix } from '../edits';
import { APP_LABEL, MANAGED_BY } from '../patterns';
import { asMap, type K8sResource } from '../resource';
import { defineK8sRule, type K8sFinding } from '../rule';
import { addEntries, columnOf, setEntry } from '../yaml-edit';
import { code, keyOf } from './helpers';

export const labels = defineK8sRule({
  id: 'k8s-labels',
  severity: 'error',
  category: 'kubernetes',
  pattern: 2,
  description: 'A resource lacks the `app: <service>` or `managed-by: flux` label.',
  docs: `Pattern 2: every resource carries \`app: <service>\` (the service identifier that selectors, NetworkPolicies and
ServiceMonitors match) and \`managed-by: flux\` (the GitOps indicator). A workload's pod template carries
\`app: <service>\` too, since that is what Services and NetworkPolicies select. The quick fix adds or corrects them.`,
  check({ project, report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        const want: [string, string][] = [
          [APP_LABEL, svc.name],
          [MANAGED_BY.key, MANAGED_BY.value],
        ];
        checkLabels(r, r.metadata, want, r.describe(), report);
        const tmpl = r.podTemplate;
        if (tmpl) checkLabels(r, asMap(get(tmpl, 'metadata')), [[APP_LABEL, svc.name]], `the pod template of ${r.describe()}`, report, tmpl);
      }
    }
  },
});

function checkLabels(r: K8sResource, metadata: SMap | undefined, want: [string, string][], what: string, report: (f: K8sFinding) => void, parent?: SMap): void {
  const labelsMap = asMap(get(metadata, 'labels'));
  const missing: [string, string][] = [];
  for (const [k, v] of want) {
    const node = deref(get(labelsMap, k));
    if (node === undefined) missing.push([k, v]);
    else if (node.kind !== 'scalar' || String(node.value) !== v) {
      const fix: QuickFix = { title: `Set label ${k}: ${v}`, edits: [setEntry(r.text, labelsMap!, k, { scalar: v })], preferred: true };
      report({
        span: { file: r.file, start: node.start, end: Math.max(node.end, node.start + 1) },
        message: `Label ${code(k)} of ${what} is ${code(node.kind === 'scalar' ? node.value : '…')}; pattern 2 requires ${code(`${k}: ${v}`)}.`,
        fixes: [fix],
      });
    }
  }
  if (!missing.length) return;
  const list = missing.map(([k, v]) => code(`${k}: ${v}`)).join(' and ');
  const lines = missing.map(([k, v]) => `${k}: ${v}`);
  const fixes: QuickFix[] = [];
  const labelsKey = metadata && keyOf(metadata, 'labels');
  if (labelsMap) fixes.push({ title: `Add label ${lines.join(', ')}`, edits: [addEntries(r.text, labelsMap, lines, labelsKey && columnOf(r.text, labelsKey.start))], preferred: true });
  else if (metadata) fixes.push({ title: `Add label ${lines.join(', ')}`, edits: [setEntry(r.text, metadata, 'labels', { block: lines })], preferred: true });
  const span = labelsKey ?? (parent ? keyOf(parent, 'metadata') : undefined) ?? r.anchor();
  report({ span, message: `${capital(what)} lacks ${list}; pattern 2 requires them on every resource (selectors, NetworkPolicies and Flux rely on them). Add them.`, fixes });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
