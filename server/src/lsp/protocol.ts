/**
 * What the Strata server adds to LSP, declared once for the server, the VS Code client and any
 * other editor's configuration (README "Editors").
 */
import type { SeveritySetting } from '../core/types';

/**
 * Code lens "N references": arguments are `[uri, position, locations]`, the signature of VS Code's
 * `editor.action.showReferences`, so a client can map the command straight onto its own reference
 * view. Executed on the server, it returns the locations.
 */
export const SHOW_REFERENCES_COMMAND = 'strata.showReferences';

/** The settings section read through workspace/configuration. */
export const SETTINGS_SECTION = 'strata';

export interface StrataSettings {
  /** Rule id → severity (or `off`), over `.strata.yaml`. */
  rules?: Record<string, SeveritySetting>;
  /** These win over `.strata.yaml` when set (null or empty: `.strata.yaml` decides). */
  root?: string | null;
  kubernetes?: { base?: string | null };
  output?: string | null;
  generate?: { enabled?: string[] | null; onSave?: boolean };
}

/**
 * Quiet time after the last edit of a burst before re-analysis (an edit after a quiet period is
 * analysed at once). Re-analysis of a 10k-entity workspace takes about 80-100 ms and
 * edit-to-diagnostics must stay under 150 ms, so the wait is short: long enough to fold a burst
 * of keystrokes into one analysis.
 */
export const DEFAULT_DEBOUNCE_MS = 50;
