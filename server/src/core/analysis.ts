import { CONFIG_FILE, readConfig, workspacePath, type StrataConfig } from './config/strata-config';
import { suppressedLines } from './config/suppressions';
import type { Declarations } from './model/declarations';
import { TopologyModel } from './model/model';
import { CONVENTIONAL_SCHEMA_PATH, loadRepositorySchema } from './model/repository-schema';
import { ALL_RULES, RULES_BY_ID } from './rules/registry';
import { kubernetesFinding, type KubernetesRule, type Rule, type RuleMeta } from './rules/rule';
import { ruleIsOn, severityOf, type SeveritySettings } from './rules/severity';
import { discover, followsHouseLayout, type K8sProject } from './kubernetes/discovery';
import { refIndex, type RefIndex } from './kubernetes/ref-index';
import { LineIndex } from './text/line-index';
import type { Diagnostic, Finding, Severity, SeveritySetting, Span } from './types';
import { assemble } from './workspace/assemble';
import type { Workspace } from './workspace/workspace';
import { changeBetween } from './incremental/change';
import type { RuleRun, Since } from './incremental/rule-runs';
import { runTopologyRule as runRule, type CheckingRule } from './incremental/runner';
import { PartialStore, type RunnerHost } from './incremental/partial';
import { foldFollowOns } from './follow-ons';
import { now } from './clock';

export interface Analysis {
  config: StrataConfig;
  model: TopologyModel | undefined;
  /** Every diagnostic, by file then place (made when first read: an editor reads them by file). */
  readonly diagnostics: Diagnostic[];
  /** How many diagnostics there are of each severity. */
  counts: Record<Severity, number>;
  /**
   * The same diagnostics by file, in order. A file whose diagnostics did not change since the
   * analysis this one started from has the same list object as there.
   */
  byFile: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Files the analysis read (reached from the root, plus `.strata.yaml`). */
  files: string[];
  /** Rule run times in milliseconds, for the benchmark and the server log. */
  timings: Record<string, number>;
  /** Rules whose findings were carried over from the previous analysis (nothing they read changed). */
  reused: string[];
  /** In the rules that ran again: how many of their items (refs, entities, ...) kept their findings unchecked. */
  itemsKept: number;
  /** What the next analysis of the same workspace needs to reuse rule results. */
  state?: ReuseState;
  /** Item rules kept nothing per item (`deferItems`): the host's `primeSteps` record it. */
  deferred?: boolean;
}

interface ReuseState {
  ws: Workspace;
  declarations: Declarations;
  /** Configuration and options the results hold for. */
  fingerprint: string;
  model: TopologyModel;
  runs: Map<string, RuleRun>;
  /** Line indexes and suppressions of the files findings were placed in, and the diagnostics made. */
  placing: Placing;
}

/** What placing findings made, kept for the next analysis: an unchanged file keeps its line index. */
interface Placing {
  lines: Map<string, FileLines>;
  files: Map<string, PlacedFile>;
}

interface FileLines {
  text: string;
  index: LineIndex;
  suppressions: Map<number, Set<string> | 'all'>;
}

export interface AnalyzeOptions {
  /** Severity overrides on top of `.strata.yaml` (CLI `--rule`, editor settings). */
  rules?: Record<string, SeveritySetting>;
  /** Replace the root file named in `.strata.yaml`. */
  root?: string;
  /** Editor settings that overlap `.strata.yaml`: a value set here wins. */
  overrides?: Partial<Pick<StrataConfig, 'root' | 'kubernetesBase' | 'output' | 'generators'>>;
  /** Skip the topology (CLI `--only k8s`): only the Kubernetes rules run. */
  skipTopology?: boolean;
  /** Check the Kubernetes manifests too (`kubernetes/base/`, `flux/apps/`) with the Kubernetes rules. */
  kubernetes?: boolean;
  /**
   * The last analysis of the same workspace: a rule that read nothing the edit since then changed
   * is not run again, its findings are carried over (moved with the edited text).
   */
  previous?: Analysis;
  /**
   * No later analysis will be given this one (a CLI run): what the rules read is not recorded,
   * which saves a tenth of a cold check, and the result carries no state to reuse.
   */
  oneShot?: boolean;
  /**
   * The analysis host that keeps the rules' partial results between analyses (`AnalysisHost`);
   * without one, per-item rules keep nothing and re-check every item after an edit.
   */
  host?: RunnerHost;
  /** The rules to run (default: every bundled rule). */
  ruleSet?: readonly Rule[];
  /**
   * Without a usable previous analysis: item rules keep nothing per item, which makes the first
   * analysis (the one a user waits for) faster; the host's `primeSteps` record it afterwards.
   */
  deferItems?: boolean;
}

/** Runs every rule over a workspace and places the findings in their files. */
export function analyze(ws: Workspace, declarations: Declarations, options: AnalyzeOptions = {}): Analysis {
  if (options.oneShot) return ws.tracking.withoutRecording(() => run(ws, declarations, { ...options, oneShot: false, previous: undefined }, false));
  return run(ws, declarations, options, true);
}

function run(ws: Workspace, declarations: Declarations, options: AnalyzeOptions, keepState: boolean): Analysis {
  const timings: Record<string, number> = {};
  const findings: Finding[] = [];
  const { config, findings: configFindings } = loadConfig(ws);
  findings.push(...configFindings);
  for (const [k, v] of Object.entries(options.overrides ?? {})) if (v !== undefined && v !== null && v !== '') (config as unknown as Record<string, unknown>)[k] = v;
  if (options.root) config.root = options.root;
  config.root = workspacePath(config.root);
  const texts = new Map<string, string>();
  const configText = ws.readText(CONFIG_FILE).text;
  if (configText !== undefined) texts.set(CONFIG_FILE, configText);
  const repository = options.skipTopology ? { findings: [] } : loadRepositorySchema(ws, config);
  findings.push(...repository.findings);
  if (repository.text !== undefined) texts.set(config.schema ?? CONVENTIONAL_SCHEMA_PATH, repository.text);
  // A changed repository schema changes what every shape rule reports: nothing carries over.
  const fingerprint = JSON.stringify([configText ?? null, repository.text ?? null, options.rules ?? {}, options.overrides ?? {}, options.root ?? '']);
  const prev = options.previous?.state;
  const usable = prev && prev.ws === ws && prev.declarations === declarations && prev.fingerprint === fingerprint ? prev : undefined;
  const runs = new Map<string, RuleRun>();
  const reused: string[] = [];

  const settings: SeveritySettings = { config: config.rules, overrides: options.rules ?? {} };
  let model: TopologyModel | undefined;
  let topology: TopologyScope | undefined;
  const parseFindings = new Set<Finding>();
  let t = now();
  const st = ws.stat(config.root);
  if (st.type === 'file' && !options.skipTopology) {
    const assembly = assemble(ws, config.root);
    for (const [path, pf] of assembly.parsed) {
      texts.set(path, pf.text);
      for (const f of pf.findings) parseFindings.add(f);
      findings.push(...pf.findings);
    }
    findings.push(...assembly.findings);
    timings.load = now() - t;
    t = now();
    model = new TopologyModel(assembly, declarations, usable?.model);
    model.authority = repository.schema;
    timings.model = now() - t;
    t = now();
    const change = usable ? changeBetween(usable.model, model) : undefined;
    timings.change = now() - t;
    // Handed to the rules only: a model must not keep its predecessors alive.
    const since: Since | undefined = change && usable ? { previous: usable.model, change, runs: usable.runs } : undefined;
    topology = { model, since, runs, reused, itemsKept: 0, host: options.host ?? { tracking: ws.tracking, parts: new PartialStore() }, deferItems: !!options.deferItems && !since };
  }
  const kubernetes = options.kubernetes ? kubernetesScope(ws, config, findings) : undefined;
  const ruleSet = options.ruleSet ?? ALL_RULES;
  runRules(ruleSet, { ws, config, settings, topology, kubernetes }, findings, timings);
  // In a file that does not parse, only its parse findings count: the rest would be noise from a half-read tree.
  const broken = new Set([...(model?.assembly.parsed.values() ?? [])].filter((pf) => pf.hasSyntaxError).map((pf) => pf.path));
  const unloaded = model?.index.extraction.unloaded ?? [];
  t = now();
  const placing: Placing = { lines: new Map(), files: new Map() };
  const rulesById = options.ruleSet ? new Map(ruleSet.map((r) => [r.id, r])) : RULES_BY_ID;
  place(
    findings,
    settings,
    rulesById,
    texts,
    (f) => broken.has(f.span.file) && !parseFindings.has(f),
    (file) => ws.readText(file).text,
    (kept) => foldFollowOns(kept, unloaded, broken),
    usable ? { placing: usable.placing, moved: (f) => topology?.since?.change.moved.get(f) as Finding | undefined } : undefined,
    placing,
  );
  timings.place = now() - t;
  const state: ReuseState | undefined = model && keepState ? { ws, declarations, fingerprint, model, runs, placing } : undefined;
  let diagnostics: Diagnostic[] | undefined;
  return {
    config,
    model,
    get diagnostics() {
      diagnostics ??= [...placing.files.values()].flatMap((p) => p.sorted);
      return diagnostics;
    },
    counts: countsOfPlacing(placing),
    byFile: diagnosticsByFile(placing),
    files: [...texts.keys()],
    timings,
    reused,
    itemsKept: topology?.itemsKept ?? 0,
    ...(state ? { state } : {}),
    ...(topology?.deferItems ? { deferred: true } : {}),
  };
}

function countsOfPlacing(placing: Placing): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const p of placing.files.values()) for (const k of Object.keys(counts) as Severity[]) counts[k] += p.counts[k];
  return counts;
}

function diagnosticsByFile(placing: Placing): Map<string, readonly Diagnostic[]> {
  const out = new Map<string, readonly Diagnostic[]>();
  for (const [file, placed] of placing.files) if (placed.sorted.length > 0) out.set(file, placed.sorted);
  return out;
}

/** What the topology rules run over: the model, and after an edit what the last analysis left. */
interface TopologyScope {
  model: TopologyModel;
  since: Since | undefined;
  /** Filled in: each rule's findings and reads, and the rules carried over whole. */
  runs: Map<string, RuleRun>;
  reused: string[];
  itemsKept: number;
  host: RunnerHost;
  deferItems: boolean;
}

/** What the Kubernetes rules run over: the manifests, when the workspace is laid out the house way. */
interface KubernetesScope {
  project: K8sProject;
  index: RefIndex;
}

interface RuleScopes {
  ws: Workspace;
  config: StrataConfig;
  settings: SeveritySettings;
  topology: TopologyScope | undefined;
  kubernetes: KubernetesScope | undefined;
}

/** The manifests, their syntax findings reported; undefined when there are none or the house rules do not apply. */
function kubernetesScope(ws: Workspace, config: StrataConfig, findings: Finding[]): KubernetesScope | undefined {
  const project = discover(ws, config.kubernetesBase);
  if (!project) return undefined;
  findings.push(...project.findings);
  return followsHouseLayout(project, config) ? { project, index: refIndex(project, ws) } : undefined;
}

/** The one runner: every rule that is on runs over what it declares (`over`), when the workspace has it. */
function runRules(rules: readonly Rule[], scopes: RuleScopes, findings: Finding[], timings: Record<string, number>): void {
  for (const rule of rules) {
    if (!rule.check || !ruleIsOn(rule, scopes.settings)) continue;
    const t = now();
    if (rule.over === 'kubernetes') {
      if (!scopes.kubernetes) continue;
      runKubernetesRule(rule, scopes.kubernetes, scopes, findings);
    } else {
      if (!scopes.topology) continue;
      runTopologyRule(rule, scopes.topology, scopes, findings);
    }
    timings[rule.id] = now() - t;
  }
}

function runKubernetesRule(rule: KubernetesRule, scope: KubernetesScope, scopes: RuleScopes, findings: Finding[]): void {
  rule.check(scope.project, { project: scope.project, index: scope.index, ws: scopes.ws, config: scopes.config, report: (f) => findings.push(kubernetesFinding(rule.id, f)) });
}

/** The topology rules run through the incremental runner, which decides what runs again after an edit. */
function runTopologyRule(rule: CheckingRule, scope: TopologyScope, scopes: RuleScopes, findings: Finding[]): void {
  const { run, carried, itemsKept } = runRule(rule, { model: scope.model, since: scope.since, host: scope.host, config: scopes.config, deferItems: scope.deferItems });
  findings.push(...run.findings);
  scope.runs.set(rule.id, run);
  if (carried) scope.reused.push(rule.id);
  scope.itemsKept += itemsKept;
}

/** The workspace's settings, its rule ids checked against every rule. */
export function loadConfig(ws: Workspace): { config: StrataConfig; findings: Finding[] } {
  return readConfig(ws, new Set(RULES_BY_ID.keys()));
}

/** What the last analysis placed, and the findings carried from it that moved with the text (each to the one it was). */
interface Earlier {
  placing: Placing;
  moved: (f: Finding) => Finding | undefined;
}

/** Applies severities and suppressions, and turns offsets into line/character ranges, by file (`into.files`, in file order). */
function place(
  findings: Finding[],
  settings: SeveritySettings,
  rulesById: ReadonlyMap<string, RuleMeta>,
  texts: Map<string, string>,
  drop: (f: Finding) => boolean,
  readText: (file: string) => string | undefined,
  fold: (kept: Finding[]) => Finding[],
  earlier: Earlier | undefined,
  into: Placing,
): void {
  const before = earlier?.placing;
  // Findings come grouped by rule and mostly by file: the last answers are asked again first.
  let lastFile: string | undefined;
  let lastLines: FileLines | undefined;
  const linesOf = (file: string): FileLines | undefined => {
    if (file === lastFile) return lastLines;
    lastFile = file;
    lastLines = fileLines(file);
    return lastLines;
  };
  const fileLines = (file: string): FileLines | undefined => {
    let l = into.lines.get(file);
    if (l) return l;
    const text = texts.get(file) ?? readText(file);
    if (text === undefined) return undefined;
    texts.set(file, text);
    const last = before?.lines.get(file);
    l = last && last.text === text ? last : { text, index: new LineIndex(text), suppressions: suppressedLines(text) };
    into.lines.set(file, l);
    return l;
  };
  // One answer per rule: thousands of findings share a few rules.
  const ruleSeverity = new Map<string, SeveritySetting>();
  let lastRule: string | undefined;
  let lastSeverity: SeveritySetting = 'off';
  const severity = (f: Finding): SeveritySetting => {
    if (f.severity) return severityOf(f.rule, settings, f.severity);
    if (f.rule === lastRule) return lastSeverity;
    lastRule = f.rule;
    lastSeverity = ruleSeverityOf(f);
    return lastSeverity;
  };
  const ruleSeverityOf = (f: Finding): SeveritySetting => {
    let s = ruleSeverity.get(f.rule);
    if (s === undefined) ruleSeverity.set(f.rule, (s = severityOf(f.rule, settings, rulesById.get(f.rule)?.severity)));
    return s;
  };
  const kept: Finding[] = [];
  for (const f of findings) {
    if (drop(f) || severity(f) === 'off') continue;
    const l = linesOf(f.span.file);
    if (!l) continue;
    if (l.suppressions.size > 0) {
      const sup = l.suppressions.get(l.index.position(f.span.start).line);
      if (sup === 'all' || sup?.has(f.rule)) continue;
    }
    kept.push(f);
  }
  const folded = fold(kept);
  const byFile = new Map<string, Finding[]>();
  for (const f of folded) {
    const list = byFile.get(f.span.file);
    if (list) list.push(f);
    else byFile.set(f.span.file, [f]);
  }
  const toDiagnostic = (f: Finding): Diagnostic => {
    const index = linesOf(f.span.file)!.index;
    const d: Diagnostic = { file: f.span.file, range: index.range(f.span.start, f.span.end), severity: severity(f) as Severity, code: f.rule, message: f.message };
    if (f.related?.length) {
      d.related = [];
      for (const r of f.related) {
        const ri = linesOf(r.span.file)?.index;
        if (ri) d.related.push({ file: r.span.file, range: ri.range(r.span.start, r.span.end), message: r.message });
      }
    }
    const tags = rulesById.get(f.rule)?.tags;
    if (tags?.length) d.tags = tags;
    if (f.data) d.data = f.data;
    return d;
  };
  const unchanged = (file: string): boolean => before !== undefined && linesOf(file) === before.lines.get(file);
  const at = (span: Span, range: Diagnostic['range']): boolean => {
    const index = linesOf(span.file)?.index;
    return !!index && index.isAt(span.start, range.start) && index.isAt(span.end, range.end);
  };
  // A finding moved with the text (only its places change) to where its diagnostic still says it is.
  const stillPlaced = (f: Finding, d: Diagnostic): boolean => {
    if (f.message !== d.message || f.rule !== d.code || f.span.file !== d.file || !at(f.span, d.range)) return false;
    const related = f.related ?? [];
    if (related.length !== (d.related?.length ?? 0)) return false;
    for (let i = 0; i < related.length; i++) if (related[i]!.span.file !== d.related![i]!.file || !at(related[i]!.span, d.related![i]!.range)) return false;
    return true;
  };
  const fns: PlaceFns = { toDiagnostic, unchanged, moved: earlier?.moved, stillPlaced };
  for (const file of [...byFile.keys()].sort()) into.files.set(file, placeFile(byFile.get(file)!, before?.files.get(file), fns));
}

/**
 * A file's diagnostics, kept for the next analysis: after an edit most findings are the objects of
 * the last analysis (carried over), and their diagnostics are not made again while the files they
 * are placed in keep their text; a file whose findings are all such keeps its sorted list too.
 */
interface PlacedFile {
  findings: Finding[];
  /** The diagnostic of each finding, in the same order. */
  diagnostics: Diagnostic[];
  sorted: Diagnostic[];
  counts: Record<Severity, number>;
}

/** The same findings, in the same order, placed in files that kept their text: the last placing holds. */
function samePlacing(findings: Finding[], last: PlacedFile, unchanged: (file: string) => boolean): boolean {
  if (findings.length !== last.findings.length || !unchanged(findings[0]!.span.file)) return false;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f !== last.findings[i]) return false;
    if (f.related) for (const r of f.related) if (!unchanged(r.span.file)) return false;
  }
  return true;
}

function countsOf(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

interface PlaceFns {
  toDiagnostic: (f: Finding) => Diagnostic;
  /** The file kept its text since the last placing. */
  unchanged: (file: string) => boolean;
  /** The finding of the last analysis this one was moved from. */
  moved: ((f: Finding) => Finding | undefined) | undefined;
  /** The places of a moved finding are where `d`, its last diagnostic, puts them. */
  stillPlaced: (f: Finding, d: Diagnostic) => boolean;
}

function placeFile(findings: Finding[], last: PlacedFile | undefined, fns: PlaceFns): PlacedFile {
  const { toDiagnostic, unchanged, moved, stillPlaced } = fns;
  if (last && samePlacing(findings, last, unchanged)) return last;
  // Where a finding was in the last list: mostly at the same index, so the map is made only when one is not.
  let lastIndex: Map<Finding, number> | undefined;
  const indexOf = (f: Finding, i: number): number | undefined => {
    if (!last) return undefined;
    if (last.findings[i] === f) return i;
    if (!lastIndex) {
      lastIndex = new Map();
      for (let k = 0; k < last.findings.length; k++) lastIndex.set(last.findings[k]!, k);
    }
    return lastIndex.get(f);
  };
  let same = last !== undefined && last.findings.length === findings.length;
  const diagnostics = findings.map((f, i) => {
    let d: Diagnostic | undefined;
    const j = indexOf(f, i);
    if (j !== undefined) {
      const old = last!.diagnostics[j]!;
      if ((unchanged(f.span.file) && (f.related ?? []).every((r) => unchanged(r.span.file))) || stillPlaced(f, old)) d = old;
    } else {
      // Moved with the text to the same line and column (an edit elsewhere on another line): the diagnostic made before still holds.
      const from = moved?.(f);
      const k = from && indexOf(from, i);
      if (k !== undefined && stillPlaced(f, last!.diagnostics[k]!)) d = last!.diagnostics[k]!;
    }
    d ??= toDiagnostic(f);
    if (d !== last?.diagnostics[i]) same = false;
    return d;
  });
  if (same) return { findings, diagnostics, sorted: last!.sorted, counts: last!.counts };
  const sorted = diagnostics.slice().sort(byPlace);
  return { findings, diagnostics, sorted, counts: countsOf(sorted) };
}

/** Equal in everything a client is sent. */
export function sameDiagnostic(x: Diagnostic, y: Diagnostic): boolean {
  if (x === y) return true;
  if (x.file !== y.file || x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range)) return false;
  const xr = x.related ?? [];
  const yr = y.related ?? [];
  if (xr.length !== yr.length) return false;
  for (let j = 0; j < xr.length; j++) if (xr[j]!.file !== yr[j]!.file || xr[j]!.message !== yr[j]!.message || !sameRange(xr[j]!.range, yr[j]!.range)) return false;
  if ((x.tags ?? []).join() !== (y.tags ?? []).join()) return false;
  return sameData(x.data, y.data);
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Data a rule attaches is a small record of plain values (a migration id, an address). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const [x, y] = [(a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]];
    if (x !== y && (typeof x !== 'object' || JSON.stringify(x) !== JSON.stringify(y))) return false;
  }
  return true;
}

/** The order of an analysis' diagnostics: file, position, rule, message. */
export function byPlace(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
