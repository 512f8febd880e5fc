import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Finding } from '../types';
import type { Change } from './change';
import { ALL_FILES, replay, track, type Reads } from './reads';
import { shiftFindings } from './rule-runs';

type Reported = Omit<Finding, 'rule'>;

interface EntityRun {
  findings: Reported[];
  reads: Reads;
}

const states = new Map<string, { model: TopologyModel; byEntity: Map<Entity, EntityRun> }>();

/** The check of one entity read nothing the edit changed: no edited file, no changed ref or line numbers. */
function unaffectedEntity(reads: Reads, change: Change): boolean {
  if (reads.files.has(ALL_FILES)) return false;
  // The edit touches a file or two; a check may have read many.
  for (const f of change.files.keys()) if (reads.files.has(f)) return false;
  if (reads.refs && change.refs) return false;
  for (const f of change.refFields) if (reads.refFields.has(f)) return false;
  for (const v of change.refValues) if (reads.refValues.has(v)) return false;
  if (reads.deprecated && change.deprecated) return false;
  for (const [f, shift] of change.files) if (shift.linesMoved && reads.lines.has(f)) return false;
  return true;
}

/**
 * Runs a rule's check entity by entity, recording what each check read. After an edit that kept
 * the shape of the topology, an entity that is the same object as before (its file is unchanged)
 * and whose check read nothing the edit changed keeps its findings; the others are checked again.
 */
export function eachEntity(model: TopologyModel, ruleId: string, entities: Iterable<Entity>, report: (f: Reported) => void, check: (e: Entity, report: (f: Reported) => void) => void): void {
  const since = model.since;
  const prev = states.get(ruleId);
  const lastRun = since?.runs.get(ruleId);
  const usable = since && lastRun && prev?.model === since.previous ? prev.byEntity : undefined;
  // What the carried checks read is within what the whole rule read last time: count it once.
  if (usable) replay(lastRun!.reads);
  const byEntity = new Map<Entity, EntityRun>();
  for (const e of entities) {
    const last = usable?.get(e);
    if (last && unaffectedEntity(last.reads, since!.change)) {
      const shifted = last.findings.length ? shiftFindings(last.findings, since!.change) : last.findings;
      if (shifted) {
        for (const f of shifted) report(f);
        byEntity.set(e, { findings: shifted, reads: last.reads });
        continue;
      }
    }
    const findings: Reported[] = [];
    const { reads } = track(() =>
      check(e, (f) => {
        findings.push(f);
        report(f);
      }),
    );
    byEntity.set(e, { findings, reads });
  }
  states.set(ruleId, { model, byEntity });
}

/** The rule's findings were carried over whole to `to`: so are its findings by entity (moved in place). */
export function carryEntityFindings(ruleId: string, from: TopologyModel, to: TopologyModel, change: Change): void {
  const prev = states.get(ruleId);
  if (!prev || prev.model !== from) return;
  // Entities read again are checked again next time; their old objects must not be kept alive.
  for (const e of change.goneEntities) prev.byEntity.delete(e);
  if (change.files.size > 0) {
    for (const [e, run] of prev.byEntity) {
      if (run.findings.length === 0) continue;
      const shifted = shiftFindings(run.findings, change);
      if (!shifted) {
        states.delete(ruleId);
        return;
      }
      prev.byEntity.set(e, { findings: shifted, reads: run.reads });
    }
  }
  prev.model = to;
}
