import { CONFIG_FILE, readConfig, workspacePath, type StrataConfig } from './config/strata-config';
import { suppressedLines } from './config/suppressions';
import type { Declarations } from './model/declarations';
import { TopologyModel } from './model/model';
import { CONVENTIONAL_SCHEMA_PATH, loadRepositorySchema } from './model/repository-schema';
import { RULES_BY_ID, TOPOLOGY_RULES } from './rules/registry';
import { LineIndex } from './text/line-index';
import type { Diagnostic, Finding, Severity, SeveritySetting } from './types';
import { assemble } from './workspace/assemble';
import type { Workspace } from './workspace/workspace';
import { changeBetween } from './incremental/change';
import { track, withoutRecording } from './incremental/reads';
import { shiftFindings, unaffected, type RuleRun } from './incremental/rule-runs';
import { carryParts } from './incremental/partial';
import { foldFollowOns } from './follow-ons';
import { now } from './clock';

export interface Analysis {
  config: StrataConfig;
  model: TopologyModel | undefined;
  diagnostics: Diagnostic[];
  /** Files the analysis read (reached from the root, plus `.strata.yaml`). */
  files: string[];
  /** Rule run times in milliseconds, for the benchmark and the server log. */
  timings: Record<string, number>;
  /** Rules whose findings were carried over from the previous analysis (nothing they read changed). */
  reused: string[];
  /** What the next analysis of the same workspace needs to reuse rule results. */
  state?: ReuseState;
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
  /** Skip the topology (CLI `--only k8s`): only the extra rule sets run. */
  skipTopology?: boolean;
  /** Extra rule sets (Kubernetes) that run beside the topology rules. */
  extraFindings?: (ws: Workspace, config: StrataConfig) => Finding[];
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
}

/** Runs every rule over a workspace and places the findings in their files. */
export function analyze(ws: Workspace, declarations: Declarations, options: AnalyzeOptions = {}): Analysis {
  if (options.oneShot) return withoutRecording(() => run(ws, declarations, { ...options, oneShot: false, previous: undefined }, false));
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

  let model: TopologyModel | undefined;
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
    // Only while the rules run: a model must not keep its predecessors alive.
    model.since = change ? { previous: usable!.model, change, runs: usable!.runs } : undefined;
    try {
      for (const rule of TOPOLOGY_RULES) {
        if (!rule.check || (options.rules?.[rule.id] ?? config.rules[rule.id]) === 'off') continue;
        t = now();
        const last = change ? usable!.runs.get(rule.id) : undefined;
        const carried = last && unaffected(last.reads, change!) ? shiftFindings(last.findings, change!) : undefined;
        if (carried) {
          findings.push(...carried);
          runs.set(rule.id, { findings: carried, reads: last!.reads });
          carryParts(rule.id, usable!.model, model, change!);
          reused.push(rule.id);
        } else {
          const own: Finding[] = [];
          const m = model;
          const { reads } = track(() => rule.check!({ model: m, config, report: (f) => own.push({ ...f, rule: rule.id }) }));
          findings.push(...own);
          runs.set(rule.id, { findings: own, reads });
        }
        timings[rule.id] = now() - t;
      }
    } finally {
      model.since = undefined;
    }
  }
  if (options.extraFindings) {
    t = now();
    findings.push(...options.extraFindings(ws, config));
    timings.extra = now() - t;
  }
  // In a file that does not parse, only its parse findings count: the rest would be noise from a half-read tree.
  const broken = new Set([...(model?.assembly.parsed.values() ?? [])].filter((pf) => pf.hasSyntaxError).map((pf) => pf.path));
  const unloaded = model?.index.extraction.unloaded ?? [];
  t = now();
  const placing: Placing = { lines: new Map() };
  const diagnostics = place(
    findings,
    config,
    options.rules ?? {},
    texts,
    (f) => broken.has(f.span.file) && !parseFindings.has(f),
    (file) => ws.readText(file).text,
    (kept) => foldFollowOns(kept, unloaded, broken),
    usable?.placing,
    placing,
  );
  timings.place = now() - t;
  const state: ReuseState | undefined = model && keepState ? { ws, declarations, fingerprint, model, runs, placing } : undefined;
  return { config, model, diagnostics, files: [...texts.keys()], timings, reused, ...(state ? { state } : {}) };
}

/** The workspace's settings, its rule ids checked against every rule. */
export function loadConfig(ws: Workspace): { config: StrataConfig; findings: Finding[] } {
  return readConfig(ws, new Set(RULES_BY_ID.keys()));
}

/** Applies severities and suppressions, and turns offsets into line/character ranges. */
function place(
  findings: Finding[],
  config: StrataConfig,
  overrides: Record<string, SeveritySetting>,
  texts: Map<string, string>,
  drop: (f: Finding) => boolean,
  readText: (file: string) => string | undefined,
  fold: (kept: Finding[]) => Finding[],
  before: Placing | undefined,
  into: Placing,
): Diagnostic[] {
  const linesOf = (file: string): FileLines | undefined => {
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
  const severityOf = (f: Finding): SeveritySetting => overrides[f.rule] ?? config.rules[f.rule] ?? f.severity ?? RULES_BY_ID.get(f.rule)?.severity ?? 'error';
  const kept: Finding[] = [];
  for (const f of findings) {
    if (drop(f) || severityOf(f) === 'off') continue;
    const l = linesOf(f.span.file);
    if (!l) continue;
    if (l.suppressions.size > 0) {
      const sup = l.suppressions.get(l.index.position(f.span.start).line);
      if (sup === 'all' || sup?.has(f.rule)) continue;
    }
    kept.push(f);
  }
  const out: Diagnostic[] = [];
  for (const f of fold(kept)) {
    const index = linesOf(f.span.file)!.index;
    const d: Diagnostic = { file: f.span.file, range: index.range(f.span.start, f.span.end), severity: severityOf(f) as Severity, code: f.rule, message: f.message };
    if (f.related?.length) {
      d.related = [];
      for (const r of f.related) {
        const ri = linesOf(r.span.file)?.index;
        if (ri) d.related.push({ file: r.span.file, range: ri.range(r.span.start, r.span.end), message: r.message });
      }
    }
    const tags = RULES_BY_ID.get(f.rule)?.tags;
    if (tags?.length) d.tags = [...tags];
    if (f.data) d.data = f.data;
    out.push(d);
  }
  out.sort(byPlace);
  return out;
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
