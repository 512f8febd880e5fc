import type { TopologyModel } from '../model/model';
import type { RuleHost } from '../rules/rule';
import type { Change } from './change';

/**
 * A rule's findings kept in parts (by ref, by entity) for the analysis they were made for, so that
 * a later run of the rule re-checks only the parts an edit reached.
 */
export interface PartialResults {
  model: TopologyModel;
  /**
   * The rule's findings were carried over whole (nothing it read changed): moves the kept results
   * along with the edit, in place; false when one cannot be moved.
   */
  carry(change: Change): boolean;
}

/** Each rule's partial results from its last run, kept by the analysis host that ran it. */
export class PartialStore {
  private readonly states = new Map<string, PartialResults>();

  /** The parts kept by the rule's last run, if that run was for `previous`. */
  partsFor<T extends PartialResults>(ruleId: string, previous: TopologyModel | undefined): T | undefined {
    const s = this.states.get(ruleId);
    return previous && s?.model === previous ? (s as T) : undefined;
  }

  keep(ruleId: string, parts: PartialResults): void {
    this.states.set(ruleId, parts);
  }

  /** The rule's findings were carried over whole from `from` to `to`: so are its parts. */
  carry(ruleId: string, from: TopologyModel, to: TopologyModel, change: Change): void {
    const s = this.states.get(ruleId);
    if (!s || s.model !== from) return;
    if (s.carry(change)) s.model = to;
    else this.states.delete(ruleId);
  }

  clear(): void {
    this.states.clear();
  }
}

/** What the runner uses of the analysis host: the tracker, and where each rule's parts are kept. */
export interface RunnerHost extends RuleHost {
  readonly parts: PartialStore;
  /** Carrying broken on purpose, only to show that the differential test notices (never set otherwise). */
  readonly faults?: CarryFaults;
}

/** Ways to break carrying on purpose. */
export interface CarryFaults {
  /** A ref rule re-run after an edit does not re-check the refs the edit read again. */
  skipChangedRefs?: boolean;
  /** A rule with a last run keeps its findings after any edit that kept the shape, whatever it read. */
  carryStaleRules?: boolean;
  /** An item read again takes over its twin's findings even when the twin's check read what the edit changed. */
  trustTwins?: boolean;
}
