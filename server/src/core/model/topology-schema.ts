import schema from '../../../../schemas/topology.schema.json';
import { Declarations } from './declarations';

/** The declarations built from a schema object (the bundled one is never changed), on first use. */
const built = new WeakMap<object, Declarations>();

/** The declarations of the bundled topology schema, built once per process. */
export function topologyDeclarations(): Declarations {
  let d = built.get(schema);
  if (!d) built.set(schema, (d = new Declarations(schema as unknown as Record<string, unknown>)));
  return d;
}

export const topologySchema = schema as unknown as Record<string, unknown>;
