import { analyze, type Analysis, type AnalyzeOptions } from './analysis';
import { primeItemRule, type CheckingRule } from './incremental/runner';
import { ALL_RULES } from './rules/registry';
import { PartialStore, type CarryFaults, type RunnerHost } from './incremental/partial';
import type { Declarations } from './model/declarations';
import type { Tracker } from './tracking/tracker';
import type { Workspace } from './workspace/workspace';
import type { Rule } from './rules/rule';

export interface HostOptions {
  /** The rules to run (default: every bundled rule); a rule of one's own is added here. */
  rules?: readonly Rule[];
  /** Carrying broken on purpose: only the tests that prove the differential test notices set it. */
  faults?: CarryFaults;
}

/**
 * The state of the analyses of one workspace, in one place: the workspace (its file and parse
 * caches and the tracker its trees note reads into), the previous analysis (its model, each
 * rule's findings and recorded reads, the placed diagnostics) and each rule's partial results.
 * The language server, the CLI and the browser worker each hold one; rules are given it in their
 * context. An analysis after an edit starts from what the host kept of the last one.
 */
export class AnalysisHost implements RunnerHost {
  readonly parts = new PartialStore();
  private previous: Analysis | undefined;

  readonly faults: CarryFaults | undefined;
  private readonly rules: readonly Rule[] | undefined;

  constructor(
    readonly ws: Workspace,
    readonly declarations: Declarations,
    options: HostOptions = {},
  ) {
    this.faults = options.faults;
    this.rules = options.rules;
  }

  get tracking(): Tracker {
    return this.ws.tracking;
  }

  /** The last analysis, if any. */
  get last(): Analysis | undefined {
    return this.previous;
  }

  /**
   * Analyses the workspace as it is now. Unless `fresh`, rules that read nothing the edits since
   * the last analysis changed keep their findings, and per-item rules re-check only what changed.
   */
  analyze(options: Omit<AnalyzeOptions, 'previous' | 'host' | 'ruleSet'> & { fresh?: boolean } = {}): Analysis {
    const { fresh, ...rest } = options;
    if (fresh) this.forget();
    const analysis = analyze(this.ws, this.declarations, { ...rest, host: this, ...(this.rules ? { ruleSet: this.rules } : {}), ...(this.previous ? { previous: this.previous } : {}) });
    // A one-shot analysis keeps no state (`state`): the next one then starts from scratch.
    this.previous = analysis;
    return analysis;
  }

  /**
   * After an analysis made with `deferItems`: one step per item rule, each recording that rule's
   * results item by item for the latest analysis (unless kept already), to run while the user
   * reads the findings. Until then an edit re-checks such a rule whole.
   */
  primeSteps(): (() => void)[] {
    const rules = (this.rules ?? ALL_RULES).filter((r): r is CheckingRule => r.over !== undefined && r.over !== 'kubernetes');
    return rules.map((rule) => () => {
      const last = this.previous;
      if (last?.model && last.state?.runs.has(rule.id)) primeItemRule(rule, { model: last.model, config: last.config, since: undefined, host: this });
    });
  }

  /** Drops what was kept: the next analysis runs every rule from scratch. */
  forget(): void {
    this.previous = undefined;
    this.parts.clear();
  }
}
