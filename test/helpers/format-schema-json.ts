/**
 * The format's own JSON Schema at one point of its life (v4.0, mid, later), rebuilt from its
 * flattened form (test/fixtures/schema/format-schema.md), and an ajv check of a sample's loaded
 * document against it: what a repository of that point holds at
 * topology-tools/schemas/topology-v4-schema.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { normalise, parseSaid, VERSIONS, type Reading, type Said } from './format-ceiling';

type Json = Record<string, unknown>;
export type FormatPoint = (typeof VERSIONS)[number];

export const FORMAT_SCHEMA_MD = path.join(__dirname, '../../../test/fixtures/schema/format-schema.md');

/** `a.b[].<*>.c` → `['a', 'b', '[]', '<*>', 'c']`. */
function segments(normalised: string): string[] {
  return (normalised.match(/\[\]|\.<\*>|\.?[^.[<]+/g) ?? []).map((s) => (s === '.<*>' ? '<*>' : s.replace(/^\./, '')));
}

function readingSchema(r: Reading | 'any'): Json {
  if (r === 'any') return {};
  const s: Json = {};
  if (r.types) s.type = r.types.length === 1 ? r.types[0] : r.types;
  if (r.enum) s.enum = r.enum;
  if (r.pattern) s.pattern = r.pattern;
  if (r.format) s.format = r.format;
  if (r.minLength !== undefined) s.minLength = r.minLength;
  if (r.minimum !== undefined) s.minimum = r.minimum;
  if (r.maximum !== undefined) s.maximum = r.maximum;
  if (r.required) s.required = r.required;
  if (r.closed) s.additionalProperties = false;
  return s;
}

/** The schema node at `segs` under `root`, created on the way; a `<*>` step needs the map's key pattern. */
function nodeAt(root: Json, segs: string[], keyPatterns: Map<string, string>): Json {
  let cur = root;
  let at = '';
  for (const seg of segs) {
    if (seg === '[]') cur = (cur.items ??= {}) as Json;
    else if (seg === '<*>') {
      const pattern = keyPatterns.get(at);
      if (!pattern) throw new Error(`format-schema.md: no key pattern for ${at}`);
      const props = (cur.patternProperties ??= {}) as Record<string, Json>;
      cur = props[pattern] ??= {};
    } else {
      const props = (cur.properties ??= {}) as Record<string, Json>;
      cur = props[seg] ??= {};
    }
    at += seg === '[]' ? '[]' : seg === '<*>' ? '.<*>' : at ? `.${seg}` : seg;
  }
  return cur;
}

/** Where a branch suffix `(allOf0)(anyOf1)` points inside a node: `node.allOf[0].anyOf[1]`. */
function branchAt(node: Json, branch: string): Json {
  let cur = node;
  for (const m of branch.matchAll(/\((allOf|anyOf|oneOf)(\d+)\)/g)) {
    const list = (cur[m[1]!] ??= []) as Json[];
    const i = Number(m[2]);
    cur = list[i] ??= {};
  }
  return cur;
}

/** Drops `{}` entries of allOf (the flattening keeps only conditionals' presence: they constrain nothing it says). */
function prune(s: Json): void {
  for (const v of Object.values(s))
    if (v && typeof v === 'object') {
      if (!Array.isArray(v)) prune(v as Json);
      else for (const x of v) if (x && typeof x === 'object') prune(x as Json);
    }
  if (Array.isArray(s.allOf)) {
    const kept = (s.allOf as Json[]).filter((x) => x && Object.keys(x).length > 0);
    if (kept.length) s.allOf = kept;
    else delete s.allOf;
  }
}

/** The format's JSON Schema (draft-07) at one point, as its flattened form reads. */
export function formatSchemaAt(point: FormatPoint, md = fs.readFileSync(FORMAT_SCHEMA_MD, 'utf8')): Json {
  const v = VERSIONS.indexOf(point);
  const lines: { raw: string; said: Said }[] = [];
  const keyPatterns = new Map<string, string>();
  for (const line of md.split('\n')) {
    const m = /^- `([^`]+)`: (.*)$/.exec(line);
    if (!m) continue;
    const n = normalise(m[1]!);
    if (n.keyPattern) keyPatterns.set(n.keyPattern.map, n.keyPattern.pattern);
    lines.push({ raw: m[1]!, said: parseSaid(m[2]!)[v]! });
  }
  const root: Json = { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'topology-v4-schema.json', title: `Topology v4 (${point})`, type: 'object' };
  for (const { raw, said } of lines) {
    if (said === 'absent') continue;
    const { path: p, branch } = normalise(raw);
    const node = nodeAt(root, segments(p), keyPatterns);
    Object.assign(branch ? branchAt(node, branch) : node, readingSchema(said));
  }
  prune(root);
  return root;
}

/** The date, ipv4 and uri formats the format's schema names, as a validator of it checks them. */
export function formatAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('ipv4', /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  return ajv;
}

/** What the format's schema at `point` says is wrong with `doc` (empty: valid), one line an error. */
export function formatErrors(point: FormatPoint, doc: unknown): string[] {
  const validate = formatAjv().compile(formatSchemaAt(point));
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
