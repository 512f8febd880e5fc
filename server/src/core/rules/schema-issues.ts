import type { TopologyModel } from '../model/model';
import { SchemaValidator, validateWithAuthority, type SchemaIssue } from '../model/schema-validation';
import type { Declarations } from '../model/declarations';
import type { Memo } from '../tracking/reads';
import type { Before } from './rule';

const validators = new WeakMap<Declarations, SchemaValidator>();
const results = new WeakMap<TopologyModel, Memo<SchemaIssue[]>>();

/** Schema validation runs once per model (against the repository's schema when it has one); the three schema rules each take their share. */
export function schemaIssues(model: TopologyModel, before: Before | undefined): SchemaIssue[] {
  return model.tracking.memoized(results, model, () => {
    if (model.authority) return validateWithAuthority(model, model.authority);
    let v = validators.get(model.declarations);
    if (!v) {
      v = new SchemaValidator(model.declarations);
      validators.set(model.declarations, v);
    }
    // Between the entities, findings carry over an edit that stayed inside them.
    const carry = before && !before.outsideEntities ? { previous: before.model, move: (last: SchemaIssue[]) => before.move(last) } : undefined;
    return v.validate(model, carry);
  });
}
