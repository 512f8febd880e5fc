import type { StrataConfig } from '../config/strata-config';
import type { TopologyModel } from '../model/model';
import type { DiagnosticTag, Finding, Severity } from '../types';
import type { Since } from '../incremental/rule-runs';

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
}

export type Report = (finding: Omit<Finding, 'rule'>) => void;

export interface TopologyContext {
  model: TopologyModel;
  report: Report;
  /** Workspace settings (`.strata.yaml`), for rules with options such as layer-direction's allow-list. */
  config: StrataConfig;
  /** In an analysis after an edit: the model before it, what changed and the last run of each rule. */
  since: Since | undefined;
}

/** A rule over the topology model. Rules whose findings come from loading files have no `check`. */
export interface TopologyRule extends RuleMeta {
  check?(ctx: TopologyContext): void;
}

export function defineRule<T extends TopologyRule>(rule: T): T {
  return rule;
}
