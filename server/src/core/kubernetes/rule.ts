import type { RuleMeta } from '../rules/rule';
import type { Finding, RelatedInfo, Severity, Span } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { K8sProject } from './discovery';
import type { QuickFix } from './edits';
import type { RefIndex } from './ref-index';

/** The 14 pattern categories of the house Kubernetes layout (docs/format.md#pattern-categories); each rule names the one it enforces. */
export const PATTERN_CATEGORIES = {
  1: 'Kubernetes Resource Structure',
  2: 'Naming Conventions',
  3: 'Secrets Management',
  4: 'Storage Management',
  5: 'Networking & Security',
  6: 'Monitoring Integration',
  7: 'Ingress & TLS Certificates',
  8: 'Health Checks',
  9: 'Configuration Management',
  10: 'Resource Limits & Requests',
  11: 'Image Security',
  12: 'Dependencies & Init Containers',
  13: 'GitOps Integration',
  14: 'Validation & Testing Patterns',
} as const;

export type PatternCategory = keyof typeof PATTERN_CATEGORIES;

export interface K8sFinding {
  span: Span;
  message: string;
  severity?: Severity;
  related?: RelatedInfo[];
  fixes?: QuickFix[];
}

export interface K8sContext {
  project: K8sProject;
  index: RefIndex;
  ws: Workspace;
  report(finding: K8sFinding): void;
}

export interface K8sRule extends RuleMeta {
  category: 'kubernetes';
  /** The pattern category the rule comes from. */
  pattern: PatternCategory;
  check(ctx: K8sContext): void;
}

export function defineK8sRule(rule: K8sRule): K8sRule {
  return rule;
}

/** Turns a rule's report into an engine finding (fixes travel in `data`). */
export function toFinding(rule: string, f: K8sFinding): Finding {
  const out: Finding = { rule, span: f.span, message: f.message };
  if (f.severity) out.severity = f.severity;
  if (f.related?.length) out.related = f.related;
  if (f.fixes?.length) out.data = { fixes: f.fixes };
  return out;
}
