import type { StrataConfig } from '../config/strata-config';
import type { K8sProject } from '../kubernetes/discovery';
import type { QuickFix } from '../kubernetes/edits';
import type { RefIndex } from '../kubernetes/ref-index';
import type { TopologyModel } from '../model/model';
import type { Entity, Ref } from '../model/extract';
import type { AddressHolder } from '../model/addresses';
import type { ParsedFile } from '../workspace/parse-file';
import type { DiagnosticTag, Finding, RelatedInfo, Severity, Span } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { Tracker } from '../tracking/tracker';
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
  /** In an analysis after an edit that kept the shape of the topology: what came before it. */
  before: Before | undefined;
  /** The analysis host that runs the rule. */
  host: RuleHost;
}

/** What a rule may use of the analysis host (core/host.ts): the tracker its reads are noted in. */
export interface RuleHost {
  readonly tracking: Tracker;
}

/** The analysis before an edit, for results a rule can carry over in parts (the schema between entities). */
export interface Before {
  model: TopologyModel;
  /** The edit changed something outside the top-level entities. */
  outsideEntities: boolean;
  /** Findings made for `model`, moved with the edited text; undefined when one sat inside the edit. */
  move<F extends Pick<Finding, 'span' | 'related' | 'after' | 'meant' | 'covers'>>(findings: F[]): F[] | undefined;
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
 * A rule declares what it runs over (`over`) and judges one item of it in `check`; the engine
 * (incremental/runner.ts) enumerates the items, and after an edit re-checks only the items whose
 * check read something the edit changed. `report` in the context reports about the item checked.
 */
interface Checks<Over, Item, Context> extends RuleMeta {
  over: Over;
  check(item: Item, ctx: Context): void;
}

/** Each ref of the topology (`model.refs`). */
export type RefRule = Checks<'refs', Ref, TopologyContext>;
/**
 * Each entity of the given kinds, in the order of `kinds` (`'all'`: every entity, in document
 * order). `outside`, if given, judges what lies outside every entity (collection keys, blocks of
 * anchors), as a whole: it runs again when anything it read changed.
 */
export type EntityRule = Checks<'entities', Entity, TopologyContext> & { kinds: readonly string[] | 'all'; outside?: (model: TopologyModel, ctx: TopologyContext) => void };
/** Each address holder of the address model (a NIC, an allocation, a gateway, ...). */
export type HolderRule = Checks<'holders', AddressHolder, TopologyContext>;
/** Each file the topology loaded, with its parse. */
export type FileRule = Checks<'files', ParsedFile, TopologyContext>;
/** The model as a whole: for judgements between many items (duplicates, overlaps, cycles). */
export type ModelRule = Checks<'model', TopologyModel, TopologyContext>;
/** A rule whose findings come from loading files (parse, includes, configuration): metadata only. */
export interface LoaderRule extends RuleMeta {
  over?: undefined;
  check?: undefined;
}

export type TopologyRule = RefRule | EntityRule | HolderRule | FileRule | ModelRule | LoaderRule;

/** A rule over the Kubernetes manifests of a workspace laid out the house way. */
export type KubernetesRule = Checks<'kubernetes', K8sProject, KubernetesContext> & { category: 'kubernetes'; pattern: PatternCategory };

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
