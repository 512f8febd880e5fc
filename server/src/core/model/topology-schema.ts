import schema from '../../../../schemas/topology.schema.json';
import { Declarations } from './declarations';

let declarations: Declarations | undefined;

/** The declarations of the bundled topology schema, built once per process. */
export function topologyDeclarations(): Declarations {
  return (declarations ??= new Declarations(schema as unknown as Record<string, unknown>));
}

export const topologySchema = schema as unknown as Record<string, unknown>;
