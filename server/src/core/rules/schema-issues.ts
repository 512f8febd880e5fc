import type { TopologyModel } from '../model/model';
import { SchemaValidator, validateWithAuthority, type SchemaIssue } from '../model/schema-validation';
import type { Declarations } from '../model/declarations';
import type { Memo } from '../tracking/reads';
import { shiftFindings, type Since } from '../incremental/rule-runs';

const validators = new WeakMap<Declarations, SchemaValidator>();
const results = new WeakMap<TopologyModel, Memo<SchemaIssue[]>>();

/** Schema validation runs once per model (against the repository's schema when it has one); the three schema rules each take their share. */
export function schemaIssues(model: TopologyModel, since: Since | undefined): SchemaIssue[] {
  return model.tracking.memoized(results, model, () => {
    if (model.authority) return validateWithAuthority(model, model.authority);
    let v = validators.get(model.declarations);
    if (!v) {
      v = new SchemaValidator(model.declarations);
      validators.set(model.declarations, v);
    }
    // Between the entities, findings carry over an edit that stayed inside them.
    const carry = since && !since.change.outsideEntities ? { previous: since.previous, move: (last: SchemaIssue[]) => shiftFindings(last, since.change) } : undefined;
    return v.validate(model, carry);
  });
}
