import type { StrataConfig } from '../config/strata-config';
import type { K8sProject } from '../kubernetes/discovery';
import type { QuickFix } from '../kubernetes/edits';
import type { RefIndex } from '../kubernetes/ref-index';
import type { TopologyModel } from '../model/model';
import type { DiagnosticTag, Finding, RelatedInfo, Severity, Span } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { Since } from '../incremental/rule-runs';
import type { RuleHost } from '../incremental/partial';
import type { PatternCategory } from './kubernetes/categories';

export type RuleCategory = 'yaml' | 'include' | 'reference' | 'schema' | 'network' | 'storage' | 'governance' | 'deprecation' | 'kubernetes' | 'generator' | 'config';

/** What every rule declares; the docs pages and the editor's code links are made from it. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  category: RuleCategory;
  /** One line: what the rule reports. */
  description: string;
  /** Markdown: why it matters and how to fix it. */
  docs: string;
  /** Tags every finding of the rule carries (a legacy shape is `deprecated`: editors strike it through). */
  tags?: DiagnosticTag[];
  /** Kubernetes rules: the house pattern category the rule enforces. */
  pattern?: PatternCategory;
}

export type Report = (finding: Omit<Finding, 'rule'>) => void;

export interface TopologyContext {
  model: TopologyModel;
  report: Report;
  /** Workspace settings (`.strata.yaml`), for rules with options such as layer-direction's allow-list. */
  config: StrataConfig;
  /** In an analysis after an edit: the model before it, what changed and the last run of each rule. */
  since: Since | undefined;
  /** The analysis host: where the rule's reads are noted and its partial results kept. */
  host: RuleHost;
}

/** What a Kubernetes rule reports: fixes travel with the finding. */
export interface KubernetesFinding {
  span: Span;
  message: string;
  severity?: Severity;
  related?: RelatedInfo[];
  fixes?: QuickFix[];
}

export interface KubernetesContext {
  project: K8sProject;
  index: RefIndex;
  ws: Workspace;
  config: StrataConfig;
  report(finding: KubernetesFinding): void;
}

/**
 * A rule over the topology model. Rules whose findings come from loading files (parse, includes,
 * configuration) have no `check`: they are declared for their docs, severity and code links.
 */
export interface TopologyRule extends RuleMeta {
  over?: 'topology';
  check?(ctx: TopologyContext): void;
}

/** A rule over the Kubernetes manifests of a workspace laid out the house way. */
export interface KubernetesRule extends RuleMeta {
  over: 'kubernetes';
  category: 'kubernetes';
  pattern: PatternCategory;
  check(ctx: KubernetesContext): void;
}

/** Every rule: what it runs over (`over`) chooses the context its check gets. */
export type Rule = TopologyRule | KubernetesRule;

export function defineRule<T extends Rule>(rule: T): T {
  return rule;
}

/** Turns a Kubernetes rule's report into an engine finding (fixes travel in `data`). */
export function kubernetesFinding(rule: string, f: KubernetesFinding): Finding {
  const out: Finding = { rule, span: f.span, message: f.message };
  if (f.severity) out.severity = f.severity;
  if (f.related?.length) out.related = f.related;
  if (f.fixes?.length) out.data = { fixes: f.fixes };
  return out;
}
