import type { StrataConfig } from '../config/strata-config';
import type { Finding } from '../types';
import type { Workspace } from '../workspace/workspace';
import { discover, type K8sProject } from './discovery';
import { refIndex } from './ref-index';
import { toFinding } from './rule';
import { K8S_RULES } from './rules/index';

/**
 * The Kubernetes rule set, shaped for `analyze(ws, declarations, { extraFindings: kubernetesFindings })`.
 * Severities, suppressions and placement are the engine's; this only reports.
 */
export function kubernetesFindings(ws: Workspace, config: StrataConfig): Finding[] {
  const project = discover(ws, config.kubernetesBase);
  if (!project) return [];
  if (!followsHouseLayout(project, config)) return project.findings;
  return runRules(project, ws, config);
}

/**
 * The house patterns hold for a workspace laid out the house way: Flux Kustomizations in `flux/apps`,
 * or a `kubernetes:` section in `.strata.yaml`. Any other repository with a `kubernetes/base` folder
 * (a plain kustomize tree) follows its own conventions: its manifests get syntax findings only.
 */
export function followsHouseLayout(project: K8sProject, config: Pick<StrataConfig, 'kubernetesDeclared'>): boolean {
  return project.hasFluxApps || config.kubernetesDeclared;
}

export function runRules(project: K8sProject, ws: Workspace, config: Pick<StrataConfig, 'rules'>): Finding[] {
  const findings: Finding[] = [...project.findings];
  const index = refIndex(project, ws);
  for (const rule of K8S_RULES) {
    if (config.rules[rule.id] === 'off') continue;
    rule.check({ project, index, ws, report: (f) => findings.push(toFinding(rule.id, f)) });
  }
  return findings;
}
