/**
 * What the Strata server adds to LSP, declared once for the server, the VS Code client and any
 * other editor's configuration (README "Editors"). Command ids and titles are in
 * shared/commands.ts; the shapes those commands take and return are here.
 */
import type { SeveritySetting } from '../server/src/core';

/** The settings section read through workspace/configuration. */
export const SETTINGS_SECTION = 'strata';

export interface StrataSettings {
  /** Rule id → severity (or `off`), over `.strata.yaml`. */
  rules?: Record<string, SeveritySetting>;
  /** These win over `.strata.yaml` when set (null or empty: `.strata.yaml` decides). */
  root?: string | null;
  kubernetes?: { base?: string | null };
  output?: string | null;
  /** `generate.onSave`: regenerate when a topology file is saved. */
  generate?: { enabled?: string[] | null; onSave?: boolean };
  /** `diagnostics.foldAbove`: above this many hints or notes of one rule in a file, they are published as one (0: never). */
  diagnostics?: { foldAbove?: number | null };
}

/**
 * Writing commands (every regenerate command, `strata.k8s.newService` without `dryRun`) write to
 * disk. The server cannot know whether the client trusts the workspace: a client that knows
 * (VS Code's workspace trust) must not offer or send them in an untrusted workspace. A server with
 * no disk behind it (a browser) does not advertise them and refuses them.
 *
 * `strata.regenerateAll` and `strata.regenerate.<generator>`: no arguments (or `[{ force: true }]`
 * to overwrite outputs edited by hand; `folder: <workspace folder URI>` picks the folder of a
 * multi-root workspace, which has one analysis each: without it, the first folder). Progress: `window/workDoneProgress` (the request's
 * `workDoneToken`, else one the server creates when the client declares `window.workDoneProgress`),
 * one report per generator. Each generator's line also goes to the server log.
 */
export interface RegenerateCommandResult {
  /** One line for the summary message ("Regenerated 4 generators: 12 written, 3 unchanged, 0 removed"). */
  message: string;
  /** Per generator, as the generate service reports it (the VS Code client's summary reads this). */
  summary: { generator: string; status: 'ran' | 'skipped' | 'failed'; ms: number; written: number; unchanged: number; removed: number; blocked: number; warnings: number; error?: string }[];
  /** The per-generator lines as `strata generate` prints them (for an output channel). */
  text: string;
  totalMs: number;
  /** URI of the output folder. */
  outDir: string;
  /** Files written, removed or blocked; what "Show changes" opens as diffs. */
  changes: GeneratedChange[];
  /** What the generators name (an entity their target covers but they left out, with the reason): `uri` is the source it stands in. */
  notes: GeneratorNote[];
}

export interface GeneratorNote {
  generator: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  uri?: string;
}

export interface GeneratedChange {
  uri: string;
  generator: string;
  /** written: `uri` has the new content; removed: it is gone; blocked: edited by hand, left alone. */
  action: 'written' | 'removed' | 'blocked';
  status: string;
  /** Content before this run (absent for a new file): the left side of the diff. */
  before?: string;
  reason?: string;
}

// `strata.showGeneratedChanges` takes no arguments and returns the `GeneratedChange[]` of the last
// regenerate run (empty before any); `strata.generatedStaleCount` returns how many outputs a
// regenerate would write or remove.

/**
 * `strata.k8s.newService`: one argument, a `NewServiceOptions` (core/kubernetes/scaffold.ts) plus
 * `dryRun`. Writes through the generators' writer, never over an existing folder or file (the
 * request fails with the reason and nothing is written). `dryRun` returns the plan and writes nothing.
 */
export interface NewServiceCommandResult {
  ok: true;
  dryRun: boolean;
  files: { uri: string; path: string; content: string }[];
  notes: string[];
}

/**
 * `initializationOptions.clientRegeneratesOnSave: true`: the client runs "Regenerate all" on save
 * itself (VS Code does, in trusted workspaces only), so the server does not (and does not ask for
 * didSave). Other clients leave it out and the server honours `strata.generate.onSave`.
 */
export interface StrataInitializationOptions {
  clientRegeneratesOnSave?: boolean;
}

/**
 * Quiet time after the last edit of a burst before re-analysis (an edit after a quiet period is
 * analysed at once). Re-analysis of a 10k-entity workspace takes about 80-100 ms and
 * edit-to-diagnostics must stay under 150 ms, so the wait is short: long enough to fold a burst
 * of keystrokes into one analysis.
 */
export const DEFAULT_DEBOUNCE_MS = 50;
