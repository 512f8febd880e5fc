import type { TopologyModel } from '../model/model';
import { SchemaValidator, type SchemaIssue } from '../model/schema-validation';
import type { Declarations } from '../model/declarations';

const validators = new WeakMap<Declarations, SchemaValidator>();
const results = new WeakMap<TopologyModel, SchemaIssue[]>();

/** Schema validation runs once per model; the three schema rules each take their share. */
export function schemaIssues(model: TopologyModel): SchemaIssue[] {
  let r = results.get(model);
  if (!r) {
    let v = validators.get(model.declarations);
    if (!v) {
      v = new SchemaValidator(model.declarations);
      validators.set(model.declarations, v);
    }
    r = v.validate(model);
    results.set(model, r);
  }
  return r;
}
