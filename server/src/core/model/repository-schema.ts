import Ajv, { type ValidateFunction } from 'ajv';
import { CONFIG_FILE, type StrataConfig } from '../config/strata-config';
import type { Finding } from '../types';
import type { Workspace } from '../workspace/workspace';
import { Declarations } from './declarations';

/** Where repositories of the format keep its JSON Schema. */
export const CONVENTIONAL_SCHEMA_PATH = 'topology-tools/schemas/topology-v4-schema.json';

/**
 * The repository's own JSON Schema of the format: when present, the authority on shapes (types,
 * enumerations, patterns, required keys, closed objects). Strata's bundled schema then contributes
 * only its own keywords (kinds, refs, deprecations, migrations).
 */
export interface RepositorySchema {
  file: string;
  /** The whole document's validator. */
  validate: ValidateFunction;
  /** Its fields, for did-you-mean on unknown keys. */
  declarations: Declarations;
}

export interface LoadedSchema {
  schema?: RepositorySchema;
  /** The schema file's text (it decides whether earlier results still hold). */
  text?: string;
  findings: Finding[];
}

/** Compiled schemas by text: an analysis after an edit elsewhere reuses the last one. */
const compiled = new Map<string, RepositorySchema | { error: string }>();
const KEEP = 4;

/** Reads and compiles the schema named by `schema:` in `.strata.yaml`, else the one at the conventional place. */
export function loadRepositorySchema(ws: Workspace, config: StrataConfig): LoadedSchema {
  const file = config.schema ?? CONVENTIONAL_SCHEMA_PATH;
  const { text, error } = ws.readText(file);
  if (text === undefined) {
    if (config.schema === undefined) return { findings: [] };
    return { findings: [configFinding(ws, `\`schema\` names '${file}', which cannot be read${error ? ` (${error})` : ''}; the bundled schema is used instead.`)] };
  }
  let hit = compiled.get(text);
  if (!hit) {
    hit = compile(file, text);
    compiled.set(text, hit);
    if (compiled.size > KEEP) compiled.delete(compiled.keys().next().value!);
  }
  if ('error' in hit)
    return { text, findings: [{ rule: 'repository-schema-invalid', span: errorSpan(hit.error, text, file), message: `${hit.error}; Strata validates against its bundled schema instead.` }] };
  return { schema: { ...hit, file }, text, findings: [] };
}

function compile(file: string, text: string): RepositorySchema | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Node.js 22 appends "(line L column C)" where 20 did not: the finding is placed there already.
    return { error: `The format's schema is not valid JSON: ${(e as Error).message.replace(/ \(line \d+ column \d+\)$/, '')}` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { error: "The format's schema is not a JSON Schema: its top level must be an object" };
  try {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false, validateSchema: true });
    const schema = { ...(json as Record<string, unknown>) };
    // Its own `$schema`/`$id` name documents Strata does not load; the keywords are what count.
    delete schema.$schema;
    delete schema.$id;
    return { file, validate: ajv.compile(schema), declarations: new Declarations(schema) };
  } catch (e) {
    return { error: `The format's schema does not compile: ${(e as Error).message}` };
  }
}

/** The offset JSON.parse names (`at position N`), else the start of the file. */
function errorSpan(message: string, text: string, file: string): Finding['span'] {
  const at = /position (\d+)/.exec(message);
  const start = at ? Math.min(Number(at[1]), Math.max(0, text.length - 1)) : 0;
  return { file, start, end: Math.min(start + 1, text.length) };
}

function configFinding(ws: Workspace, message: string): Finding {
  const text = ws.readText(CONFIG_FILE).text ?? '';
  const m = /^schema:[ \t]*(.*)$/m.exec(text);
  const start = m ? m.index + m[0].length - m[1]!.length : 0;
  return { rule: 'repository-schema-invalid', span: { file: CONFIG_FILE, start, end: Math.max(start + 1, start + (m?.[1]?.length ?? 0)) }, message };
}
