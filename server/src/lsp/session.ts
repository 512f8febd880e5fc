/**
 * The live workspace behind the server: unsaved buffers overlay the files on disk, edits are
 * analysed after a short quiet time, and findings are republished only for files whose findings
 * changed (open or not). Requests read the last analysis; navigation first folds in pending edits.
 */
import {
  AnalysisHost,
  byPlace,
  dirname,
  FOLD_ABOVE,
  foldedAt,
  foldRepeated,
  sameDiagnostic,
  Workspace,
  type Analysis,
  type AnalyzeOptions,
  type Declarations,
  type Diagnostic,
  type FileSystem,
  type FoldCache,
  type SeveritySetting,
  type TopologyModel,
} from '../core';

export interface SessionHost {
  /** Findings of one file, replacing those published before (an empty list clears them). */
  publish(path: string, diagnostics: Diagnostic[], version: number | undefined): void;
  log(message: string): void;
}

export type FileChange = { path: string; type: 'created' | 'changed' | 'deleted' };

export class LiveSession {
  readonly ws: Workspace;
  /** Owns the workspace and what the last analysis left for the next. */
  private readonly analyses: AnalysisHost;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private dirty = true;
  private lastEdit = -Infinity;
  private rules: Record<string, SeveritySetting> = {};
  private overrides: NonNullable<AnalyzeOptions['overrides']> = {};
  /** What was last published per file, to republish only changes. */
  private readonly published = new Map<string, Diagnostic[]>();
  /** The analysis' own list of each file's diagnostics last published (`Analysis.byFile`). */
  private readonly placed = new Map<string, readonly Diagnostic[]>();
  private foldAbove = FOLD_ABOVE;
  private readonly folds = new Map<string, FoldCache>();
  private readonly versions = new Map<string, number>();
  private readonly listeners: ((a: Analysis, ms: number) => void)[] = [];

  constructor(
    fs: FileSystem,
    readonly declarations: Declarations,
    private readonly host: SessionHost,
    readonly debounceMs: number,
  ) {
    this.ws = new Workspace(fs);
    this.analyses = new AnalysisHost(this.ws, declarations);
  }

  open(path: string, text: string, version: number): void {
    this.versions.set(path, version);
    if (this.ws.readText(path).text === text && !this.ws.hasOverlay(path)) {
      // Opening a file changes nothing while its buffer equals the disk.
      this.ws.setOverlay(path, text);
      return;
    }
    this.ws.setOverlay(path, text);
    this.schedule();
  }

  change(path: string, text: string, version: number): void {
    this.versions.set(path, version);
    this.ws.setOverlay(path, text);
    this.schedule();
  }

  close(path: string): void {
    this.versions.delete(path);
    this.ws.clearOverlay(path);
    this.ws.invalidate(path);
    this.schedule();
  }

  /** Files created, changed or deleted on disk (by the editor's watcher). */
  filesChanged(changes: FileChange[]): void {
    let any = false;
    for (const c of changes) {
      if (this.ws.hasOverlay(c.path) && c.type === 'changed') continue; // the open buffer governs
      this.ws.invalidate(c.path);
      // A created or deleted folder changes the listings above it (directory includes).
      for (let d = dirname(c.path); d !== ''; d = dirname(d)) this.ws.invalidate(d);
      any = true;
    }
    if (any) this.schedule();
  }

  /** Editor settings that overlap `.strata.yaml` (root, Kubernetes base, output, generators). */
  setOverrides(overrides: NonNullable<AnalyzeOptions['overrides']>): void {
    this.overrides = overrides;
    this.schedule();
  }

  setRules(rules: Record<string, SeveritySetting>): void {
    this.rules = rules;
    this.dirty = true;
    this.schedule();
  }

  /** Called after each analysis with how long it took (the server log, tests and the benchmark). */
  onAnalyzed(listener: (a: Analysis, ms: number) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Debounce with a leading edge: an edit after a quiet period (no edit for `debounceMs`) is
   * analysed at once, so a single change shows its findings as fast as analysis allows; edits in a
   * burst are folded into one analysis `debounceMs` after the last of them.
   */
  private schedule(): void {
    if (this.disposed) return;
    this.dirty = true;
    const now = performance.now();
    const quiet = now - this.lastEdit >= this.debounceMs && !this.timer;
    this.lastEdit = now;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.flush();
      },
      quiet ? 0 : this.debounceMs,
    );
  }

  /** Runs the steps one per turn of the event loop, so that requests and edits come in between. */
  private prime(steps: (() => void)[]): void {
    const next = (): void => {
      const step = steps.shift();
      if (!step || this.disposed) return;
      try {
        step();
      } catch (err) {
        this.host.log(`recording for re-checks failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return;
      }
      setImmediate(next);
    };
    setImmediate(next);
  }

  /** Stops pending work: after shutdown nothing may be analysed or published. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The current analysis, running pending edits first (for positions that must match the text). */
  current(): Analysis | undefined {
    if (this.dirty) this.flush();
    return this.analyses.last;
  }

  /** The last analysis as it is, without waiting for pending edits (completion reads ids only). */
  get model(): TopologyModel | undefined {
    if (!this.analyses.last) this.flush();
    return this.analyses.last?.model;
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.dirty = false;
    const t = performance.now();
    let analysis: Analysis;
    try {
      // The Kubernetes rules run as `strata check` runs them, over every manifest, open or not.
      // Without a last analysis to start from, the findings come first; what makes the next re-check
      // incremental is recorded afterwards, a rule at a time, between requests and edits.
      analysis = this.analyses.analyze({ rules: this.rules, overrides: this.overrides, kubernetes: true, deferItems: true });
    } catch (err) {
      this.host.log(`analysis failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return;
    }
    this.publishChanged(analysis.byFile);
    const ms = performance.now() - t;
    for (const l of this.listeners) l(analysis, ms);
    if (analysis.deferred) this.prime(this.analyses.primeSteps());
  }

  private publishChanged(byFile: ReadonlyMap<string, readonly Diagnostic[]>): void {
    for (const [file, placed] of byFile) {
      // The same list as last time: the file's findings did not change (most files, after an edit).
      if (this.placed.get(file) === placed) continue;
      this.placed.set(file, placed);
      const list = [...placed];
      const before = this.published.get(file);
      if (before && sameDiagnostics(before, list)) continue;
      // What did not change is sent as the objects sent last time: their protocol form and JSON are made once.
      const sent = before ? keepUnchanged(before, list) : list;
      this.published.set(file, sent);
      this.host.publish(file, this.folded(file, sent), this.versions.get(file));
    }
    for (const file of [...this.published.keys()]) {
      if (byFile.has(file)) continue;
      this.published.delete(file);
      this.placed.delete(file);
      this.folds.delete(file);
      this.host.publish(file, [], this.versions.get(file));
    }
  }

  /** Above how many hints or notes of one rule a file's are published folded into one (0: never). */
  setFoldAbove(limit: number): void {
    if (limit === this.foldAbove) return;
    this.foldAbove = limit;
    for (const [file, sent] of this.published) this.host.publish(file, this.folded(file, sent), this.versions.get(file));
  }

  /** The findings published folded that lie on `line` of `file` (the editor holds only their fold). */
  foldedOn(file: string, line: number): { code: string; start: { line: number; character: number } }[] {
    const cache = this.folds.get(file);
    return cache ? foldedAt(cache, line) : [];
  }

  private folded(file: string, sent: Diagnostic[]): Diagnostic[] {
    let cache = this.folds.get(file);
    if (!cache) this.folds.set(file, (cache = new Map()));
    return foldRepeated(sent, this.foldAbove, cache);
  }

  /** Takes back every finding published (the folder was closed). */
  unpublishAll(): void {
    for (const file of [...this.published.keys()]) this.host.publish(file, [], this.versions.get(file));
    this.published.clear();
    this.placed.clear();
    this.folds.clear();
  }

  /** The text a position in `path` refers to: the open buffer, or the file on disk. */
  text(path: string): string | undefined {
    return this.ws.readText(path).text;
  }
}

/**
 * `next` with each diagnostic equal to one of `before` replaced by that one. Both lists are in
 * analysis order, so one walk along both finds them.
 */
function keepUnchanged(before: Diagnostic[], next: Diagnostic[]): Diagnostic[] {
  const out = next.slice();
  let i = 0;
  for (let j = 0; j < out.length && i < before.length; ) {
    const order = byPlace(before[i]!, out[j]!);
    if (order < 0) i++;
    else if (order > 0) j++;
    else {
      if (sameDiagnostic(before[i]!, out[j]!)) out[j] = before[i]!;
      i++;
      j++;
    }
  }
  return out;
}

/** Field by field, without building strings: most files' findings do not change on an edit. */
function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i]!, b[i]!)) return false;
  return true;
}
