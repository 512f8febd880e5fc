import type { Ref } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Finding } from '../types';
import type { Change } from './change';
import { replay } from './reads';
import { shiftFindings, unaffected } from './rule-runs';

type Reported = Omit<Finding, 'rule'>;

/** A per-ref rule's findings by the ref they are about (refs without findings are not kept). */
interface RefFindings {
  model: TopologyModel;
  byRef: Map<Ref, Reported[]>;
}

const states = new Map<string, RefFindings>();

/**
 * Runs a rule's check ref by ref. After an edit that kept the shape of the topology and changed
 * nothing else the rule read, refs of unchanged entities (the same objects as before) keep their
 * findings and only the re-read refs are checked: a ref edit re-checks one file's refs, not all.
 */
export function eachRef(model: TopologyModel, ruleId: string, report: (f: Reported) => void, check: (ref: Ref, report: (f: Reported) => void) => void): void {
  const since = model.since;
  const last = since?.runs.get(ruleId);
  const prev = states.get(ruleId);
  const byRef = new Map<Ref, Reported[]>();
  const run = (ref: Ref): void => {
    let own: Reported[] | undefined;
    check(ref, (f) => {
      (own ??= []).push(f);
      report(f);
    });
    if (own) byRef.set(ref, own);
  };
  if (since && last && prev?.model === since.previous && unaffected({ ...last.reads, refs: false, refFields: new Set(), refValues: new Set() }, since.change) && carry(prev, byRef, since.change)) {
    // Carried findings were made reading what the last run read.
    replay(last.reads);
    for (const list of byRef.values()) for (const f of list) report(f);
    for (const ref of since.change.newRefs) run(ref);
  } else {
    byRef.clear();
    for (const ref of model.refs) run(ref);
  }
  states.set(ruleId, { model, byRef });
}

/** The findings of the refs still there, moved with the edited text; false when one cannot be moved. */
function carry(prev: RefFindings, into: Map<Ref, Reported[]>, change: Change): boolean {
  for (const [ref, list] of prev.byRef) {
    if (change.goneRefs.has(ref)) continue;
    const shifted = shiftFindings(list, change);
    if (!shifted) return false;
    into.set(ref, shifted);
  }
  return true;
}

/** The rule's findings were carried over whole to `to`: so are its findings by ref. */
export function carryRefFindings(ruleId: string, from: TopologyModel, to: TopologyModel, change: Change): void {
  const prev = states.get(ruleId);
  if (!prev || prev.model !== from) return;
  const byRef = new Map<Ref, Reported[]>();
  if (carry(prev, byRef, change)) states.set(ruleId, { model: to, byRef });
  else states.delete(ruleId);
}
