import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Finding } from '../types';
import type { Change } from './change';
import type { PartialResults, RuleRunScope } from './partial';
import type { Reads } from '../tracking/reads';
import { shiftFindings, unaffected } from './rule-runs';

type Reported = Omit<Finding, 'rule'>;

interface EntityRun {
  findings: Reported[];
  reads: Reads;
}

/** A per-entity rule's findings by entity, each with what its check read. */
class EntityFindings implements PartialResults {
  readonly byEntity = new Map<Entity, EntityRun>();

  constructor(public model: TopologyModel) {}

  carry(change: Change): boolean {
    // Entities read again are checked again next time; their old objects must not be kept alive.
    for (const e of change.goneEntities) this.byEntity.delete(e);
    if (change.files.size === 0) return true;
    for (const [e, run] of this.byEntity) {
      if (run.findings.length === 0) continue;
      const shifted = shiftFindings(run.findings, change);
      if (!shifted) return false;
      this.byEntity.set(e, { findings: shifted, reads: run.reads });
    }
    return true;
  }
}

/**
 * Runs a rule's check entity by entity, recording what each check read. After an edit that kept
 * the shape of the topology, an entity that is the same object as before (its file is unchanged)
 * and whose check read nothing the edit changed keeps its findings; the others are checked again.
 */
export function eachEntity(scope: RuleRunScope, ruleId: string, entities: Iterable<Entity>, report: (f: Reported) => void, check: (e: Entity, report: (f: Reported) => void) => void): void {
  const { model, since, host } = scope;
  const tracking = host.tracking;
  if (!tracking.isRecording()) {
    // No later analysis will be given this one: nothing to keep.
    for (const e of entities) check(e, report);
    return;
  }
  const lastRun = since?.runs.get(ruleId);
  const usable = lastRun ? host.parts.partsFor<EntityFindings>(ruleId, since?.previous)?.byEntity : undefined;
  // What the carried checks read is within what the whole rule read last time: count it once.
  if (usable) tracking.replay(lastRun!.reads);
  const parts = new EntityFindings(model);
  for (const e of entities) {
    const last = usable?.get(e);
    if (last && unaffected(last.reads, since!.change, { by: 'files' })) {
      const shifted = last.findings.length ? shiftFindings(last.findings, since!.change) : last.findings;
      if (shifted) {
        for (const f of shifted) report(f);
        // Unmoved findings keep their record: a re-check at 50k entities would otherwise make 50k.
        parts.byEntity.set(e, shifted === last.findings ? last : { findings: shifted, reads: last.reads });
        continue;
      }
    }
    const findings: Reported[] = [];
    const { reads } = tracking.trackByFiles(() =>
      check(e, (f) => {
        findings.push(f);
        report(f);
      }),
    );
    parts.byEntity.set(e, { findings, reads });
  }
  host.parts.keep(ruleId, parts);
}
