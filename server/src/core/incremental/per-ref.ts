import type { Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Finding } from '../types';
import type { Change } from './change';
import type { PartialResults, RuleRunScope } from './partial';
import { shiftFindings, unaffected } from './rule-runs';

type Reported = Omit<Finding, 'rule'>;

/** A per-ref rule's findings by the ref they are about (refs without findings are not kept). */
class RefFindings implements PartialResults {
  readonly byRef = new Map<Ref, Reported[]>();

  constructor(public model: TopologyModel) {}

  carry(change: Change): boolean {
    for (const ref of change.goneRefs) this.byRef.delete(ref);
    if (change.files.size === 0) return true;
    for (const [ref, list] of this.byRef) {
      const shifted = shiftFindings(list, change);
      if (!shifted) return false;
      this.byRef.set(ref, shifted);
    }
    return true;
  }
}

/**
 * Runs a rule's check ref by ref. After an edit that kept the shape of the topology and changed
 * nothing else the rule read, refs of unchanged entities (the same objects as before) keep their
 * findings and only the re-read refs are checked: a ref edit re-checks one file's refs, not all.
 */
export function eachRef(scope: RuleRunScope, ruleId: string, report: (f: Reported) => void, check: (ref: Ref, report: (f: Reported) => void) => void): void {
  const { model, since, host } = scope;
  const tracking = host.tracking;
  if (!tracking.isRecording()) {
    // No later analysis will be given this one: nothing to keep.
    for (const ref of model.refs) check(ref, report);
    return;
  }
  const last = since?.runs.get(ruleId);
  const prev = host.parts.partsFor<RefFindings>(ruleId, since?.previous);
  const run = (parts: RefFindings, ref: Ref): void => {
    let own: Reported[] | undefined;
    check(ref, (f) => {
      (own ??= []).push(f);
      report(f);
    });
    if (own) parts.byRef.set(ref, own);
  };
  if (since && last && prev && unaffected(last.reads, since.change, { refs: 'per-ref' }) && prev.carry(since.change)) {
    // Carried findings were made reading what the last run read.
    tracking.replay(last.reads);
    for (const list of prev.byRef.values()) for (const f of list) report(f);
    for (const ref of since.change.newRefs) run(prev, ref);
    prev.model = model;
    host.parts.keep(ruleId, prev);
    return;
  }
  const parts = new RefFindings(model);
  for (const ref of model.refs) run(parts, ref);
  host.parts.keep(ruleId, parts);
}
