import type { Severity, SeveritySetting } from '../types';
import type { RuleMeta } from './rule';

/** Severities set for rules by id, in the order they apply: `.strata.yaml`, then the editor setting or `--rule`. */
export interface SeveritySettings {
  /** `rules:` in `.strata.yaml`. */
  config: Readonly<Record<string, SeveritySetting>>;
  /** The editor's `strata.rules` or the CLI's `--rule`: a rule named here wins. */
  overrides: Readonly<Record<string, SeveritySetting>>;
}

/**
 * The one place a rule's severity is decided, for every kind of rule: the bundled default (or the
 * severity the rule gave this finding), then `.strata.yaml`, then the editor setting or `--rule`.
 */
export function severityOf(ruleId: string, settings: SeveritySettings, bundled: Severity | undefined): SeveritySetting {
  return settings.overrides[ruleId] ?? settings.config[ruleId] ?? bundled ?? 'error';
}

/** Whether the rule runs at all: a rule set to `off` is not checked. */
export function ruleIsOn(rule: RuleMeta, settings: SeveritySettings): boolean {
  return severityOf(rule.id, settings, rule.severity) !== 'off';
}
