import type { TopologyModel } from '../model/model';
import type { Change } from './change';

/**
 * A rule's findings kept in parts (by ref, by entity) for the analysis they were made for, so that
 * a later run of the rule re-checks only the parts an edit reached.
 */
export interface PartialResults {
  model: TopologyModel;
  /** Moves the kept findings along with an edit, in place; false when one cannot be moved. */
  carry(change: Change): boolean;
}

const states = new Map<string, PartialResults>();

/** The parts kept by the rule's last run, if that run was for `previous`. */
export function partsFor<T extends PartialResults>(ruleId: string, previous: TopologyModel | undefined): T | undefined {
  const s = states.get(ruleId);
  return previous && s?.model === previous ? (s as T) : undefined;
}

export function keepParts(ruleId: string, parts: PartialResults): void {
  states.set(ruleId, parts);
}

/** The rule's findings were carried over whole from `from` to `to`: so are its parts. */
export function carryParts(ruleId: string, from: TopologyModel, to: TopologyModel, change: Change): void {
  const s = states.get(ruleId);
  if (!s || s.model !== from) return;
  if (s.carry(change)) s.model = to;
  else states.delete(ruleId);
}
