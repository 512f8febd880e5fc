import type { TopologyModel } from '../model/model';
import { SchemaValidator, validateWithAuthority, type SchemaIssue } from '../model/schema-validation';
import type { Declarations } from '../model/declarations';
import { memoized, type Memo } from '../incremental/reads';

const validators = new WeakMap<Declarations, SchemaValidator>();
const results = new WeakMap<TopologyModel, Memo<SchemaIssue[]>>();

/** Schema validation runs once per model (against the repository's schema when it has one); the three schema rules each take their share. */
export function schemaIssues(model: TopologyModel): SchemaIssue[] {
  return memoized(results, model, () => {
    if (model.authority) return validateWithAuthority(model, model.authority);
    let v = validators.get(model.declarations);
    if (!v) {
      v = new SchemaValidator(model.declarations);
      validators.set(model.declarations, v);
    }
    return v.validate(model);
  });
}
