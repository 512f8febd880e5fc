/**
 * The format's own JSON Schema as test/fixtures/schema/format-schema.md flattens it (one line a
 * path, with a reading per version), and the check that holds a schema to it: every constraint of
 * the checked schema must accept what the union of the three versions accepts at that path.
 */

type Json = Record<string, unknown>;

export const VERSIONS = ['v4.0', 'mid', 'later'] as const;

/** What one version says about one path. */
export interface Reading {
  types?: string[];
  enum?: string[];
  pattern?: string;
  required?: string[];
  closed?: boolean;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  /** A JSON Schema `format` (date, ipv4, uri): the ceiling ignores it, the rebuilt schema keeps it. */
  format?: string;
}

/** 'absent': the version's schema does not name the path; 'any': it names it without constraint. */
export type Said = Reading | 'absent' | 'any';

/** What a value at a path may be in one version: anything, nothing (a closed parent), or constrained. */
export type Accepts = 'any' | 'none' | { main: Reading; branches: (Reading | 'any')[] };

export interface FormatSchema {
  /** Normalised path (`[]` items, `.<*>` map values) → the reading of each version. */
  lines: Map<string, Said[]>;
  /** Branch lines (`path(oneOf0)`), by the normalised path they belong to. */
  branches: Map<string, Said[][]>;
  /** Key patterns of maps (`path.<pattern>`), by the map's normalised path. */
  keyPatterns: Map<string, string>;
}

export function parseReading(text: string): Said {
  const t = text.trim();
  if (t === 'absent') return 'absent';
  if (t === 'untyped (any value)') return 'any';
  const r: Reading = {};
  for (const clause of t.split('; ')) {
    let m: RegExpExecArray | null;
    if ((m = /^type (.+)$/.exec(clause))) r.types = m[1]!.split(', ');
    else if ((m = /^enum (.+)$/.exec(clause))) r.enum = m[1]!.split(', ');
    else if ((m = /^pattern `(.+)`$/.exec(clause))) r.pattern = m[1]!;
    else if ((m = /^requires (.+)$/.exec(clause))) r.required = m[1]!.split(', ');
    else if (clause === 'closed (no other keys)') r.closed = true;
    else if ((m = /^minLength (\d+)$/.exec(clause))) r.minLength = Number(m[1]);
    else if ((m = /^minimum ([\d.]+)$/.exec(clause))) r.minimum = Number(m[1]);
    else if ((m = /^maximum ([\d.]+)$/.exec(clause))) r.maximum = Number(m[1]);
    else if ((m = /^format (\S+)$/.exec(clause))) r.format = m[1]!;
    else if (/^(any keys|(anyOf|oneOf) of \d+)$/.test(clause)) continue;
    else throw new Error(`format-schema.md: unknown clause "${clause}"`);
  }
  return r;
}

export function parseSaid(text: string): Said[] {
  if (!/^v4\.0: /.test(text)) {
    const one = parseReading(text);
    return [one, one, one];
  }
  const parts = /^v4\.0: (.*) \/ mid: (.*) \/ later: (.*)$/.exec(text);
  if (!parts) throw new Error(`format-schema.md: cannot read "${text}"`);
  return [parseReading(parts[1]!), parseReading(parts[2]!), parseReading(parts[3]!)];
}

/** `a.b[].<^x$>.c(oneOf1)` → the normalised path, the key pattern of its last map and the branch suffix. */
export function normalise(raw: string): { path: string; keyPattern?: { map: string; pattern: string }; branch?: string } {
  let path = '';
  let keyPattern: { map: string; pattern: string } | undefined;
  let i = 0;
  let branch: string | undefined;
  while (i < raw.length) {
    if (raw.startsWith('.<', i)) {
      const end = raw.indexOf('>', i);
      keyPattern = { map: path, pattern: raw.slice(i + 2, end) };
      path += '.<*>';
      i = end + 1;
    } else if (raw.startsWith('[]', i)) {
      path += '[]';
      i += 2;
    } else if (raw[i] === '(') {
      const end = raw.indexOf(')', i);
      branch = (branch ?? '') + raw.slice(i, end + 1);
      i = end + 1;
    } else {
      const m = /^\.?[^.[(<]+/.exec(raw.slice(i))!;
      path += m[0].startsWith('.') ? m[0] : (path ? '.' : '') + m[0];
      i += m[0].length;
    }
  }
  return { path, ...(keyPattern ? { keyPattern } : {}), ...(branch ? { branch } : {}) };
}

export function parseFormatSchema(md: string): FormatSchema {
  const out: FormatSchema = { lines: new Map(), branches: new Map(), keyPatterns: new Map() };
  for (const line of md.split('\n')) {
    const m = /^- `([^`]+)`: (.*)$/.exec(line);
    if (!m) continue;
    const { path, keyPattern, branch } = normalise(m[1]!);
    const said = parseSaid(m[2]!);
    if (keyPattern) out.keyPatterns.set(keyPattern.map, keyPattern.pattern);
    if (!branch) out.lines.set(path, said);
    // Only a path's own alternatives (`p(oneOf0)`) decide what its value may be; nested ones only require keys.
    else if (/^\((anyOf|oneOf)\d+\)$/.test(branch)) out.branches.set(path, [...(out.branches.get(path) ?? []), said]);
  }
  return out;
}

function parentOf(path: string): { parent: string; last: 'items' | 'map' | string } | undefined {
  if (path === '') return undefined;
  if (path.endsWith('[]')) return { parent: path.slice(0, -2), last: 'items' };
  if (path.endsWith('.<*>')) return { parent: path.slice(0, -4), last: 'map' };
  const dot = path.lastIndexOf('.');
  return dot < 0 ? { parent: '', last: path } : { parent: path.slice(0, dot), last: path.slice(dot + 1) };
}

/** What version `v` accepts at `path`. The root is an open object. */
export function accepts(f: FormatSchema, path: string, v: number): Accepts {
  const said = f.lines.get(path)?.[v];
  if (said === 'any') return 'any';
  if (said && said !== 'absent') {
    const branches = (f.branches.get(path) ?? []).map((b) => b[v]!).filter((b): b is Reading | 'any' => b !== 'absent');
    return { main: said, branches };
  }
  const up = parentOf(path);
  if (!up) return { main: { types: ['object'] }, branches: [] };
  const parent = accepts(f, up.parent, v);
  if (parent === 'any' || parent === 'none') return parent;
  const types = parent.main.types;
  if (up.last === 'items') return types && !types.includes('array') ? 'none' : 'any';
  if (types && !types.includes('object')) return 'none';
  if (up.last !== 'map') {
    const keyPattern = f.keyPatterns.get(up.parent);
    if (keyPattern && new RegExp(keyPattern, 'u').test(up.last)) return accepts(f, `${up.parent}.<*>`, v);
  }
  return parent.main.closed ? 'none' : 'any';
}

/** Types a value may have (undefined: any type). */
function typesOf(a: { main: Reading; branches: (Reading | 'any')[] }): string[] | undefined {
  const alt = a.branches.length === 0 ? undefined : a.branches.some((b) => b === 'any' || !b.types) ? undefined : [...new Set(a.branches.flatMap((b) => (b as Reading).types!))];
  if (!a.main.types) return alt;
  return alt ? a.main.types.filter((t) => alt.includes(t) || (t === 'number' && alt.includes('integer'))) : a.main.types;
}

/** Values a value is limited to (undefined: not an enumeration). */
function enumOf(a: { main: Reading; branches: (Reading | 'any')[] }): string[] | undefined {
  if (a.main.enum) return a.main.enum;
  if (a.branches.length && a.branches.every((b) => b !== 'any' && b.enum)) return a.branches.flatMap((b) => (b as Reading).enum!);
  return undefined;
}

/** The pattern every string value must match (undefined: none). */
function patternOf(a: { main: Reading; branches: (Reading | 'any')[] }): string | undefined {
  if (a.main.pattern) return a.main.pattern;
  if (a.main.enum) return undefined;
  const stringy = a.branches.filter((b) => b === 'any' || !b.types || b.types.includes('string'));
  if (stringy.length === 1 && stringy[0] !== 'any' && stringy[0]!.pattern && !stringy[0]!.enum) return stringy[0]!.pattern;
  return undefined;
}

/** Field names version `v` lists under an object path. */
function listedFields(f: FormatSchema, path: string, v: number): string[] {
  const out: string[] = [];
  for (const [p, said] of f.lines) {
    if (said[v] === 'absent' || !p.startsWith(`${path}.`)) continue;
    const rest = p.slice(path.length + 1);
    if (/^[^.[<]+$/.test(rest)) out.push(rest);
  }
  return out;
}

/** One constraint of the checked schema that rejects something the format accepts. */
export interface Excess {
  path: string;
  pointer: string;
  keyword: string;
  why: string;
}

/**
 * Pattern widenings the checked schema may make over the format's pattern, each with a string the
 * format's pattern rejects and the wider one accepts (later versions of the format allow a dot in alert ids).
 */
export const WIDER_PATTERNS: Record<string, { pattern: string; accepts: string }> = {
  'L6_observability.alerts[].id': { pattern: '^alert-[a-z0-9.-]+$', accepts: 'alert-infra.router-down' },
};

const UNCHECKED = [
  'const',
  'maxLength',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'not',
  'if',
  'then',
  'else',
  'dependencies',
  'contains',
  'anyOf',
  'oneOf',
  'allOf',
];

/** The constraints of schema node `s` (at data path `path`) that are stricter than the format's union. */
export function excessAt(f: FormatSchema, path: string, pointer: string, s: Json): Excess[] {
  const out: Excess[] = [];
  const said = VERSIONS.map((_, v) => accepts(f, path, v));
  const add = (keyword: string, why: string) => out.push({ path, pointer, keyword, why });
  const versions = said.map((a, v) => ({ a, v })).filter((x) => x.a !== 'none');
  const anyVersion = versions.find((x) => x.a === 'any');
  const constrained = versions.filter((x): x is { a: Exclude<Accepts, 'any' | 'none'>; v: number } => x.a !== 'any');
  const untyped = anyVersion ? `${VERSIONS[anyVersion.v]} accepts any value here` : undefined;

  if (s.type !== undefined) {
    const mine = Array.isArray(s.type) ? (s.type as string[]) : [String(s.type)];
    if (untyped) add('type', untyped);
    else
      for (const { a, v } of constrained) {
        const theirs = typesOf(a);
        if (!theirs) add('type', `${VERSIONS[v]} accepts any type`);
        else for (const t of theirs) if (!mine.includes(t) && !(t === 'integer' && mine.includes('number'))) add('type', `${VERSIONS[v]} accepts ${t}`);
      }
  }
  if (Array.isArray(s.enum)) {
    const mine = (s.enum as unknown[]).map(String);
    if (untyped) add('enum', untyped);
    else
      for (const { a, v } of constrained) {
        const theirs = enumOf(a);
        if (!theirs) add('enum', `${VERSIONS[v]} has no enumeration here`);
        else for (const e of theirs) if (!mine.includes(e)) add('enum', `${VERSIONS[v]} accepts '${e}'`);
      }
  }
  if (typeof s.pattern === 'string') {
    if (untyped) add('pattern', untyped);
    else
      for (const { a, v } of constrained) {
        const theirs = patternOf(a);
        const wider = WIDER_PATTERNS[path];
        if (!theirs) add('pattern', `${VERSIONS[v]} has no pattern here`);
        else if (s.pattern !== theirs && !(wider && wider.pattern === s.pattern)) add('pattern', `${VERSIONS[v]} has the pattern ${theirs}`);
      }
  }
  if (s.additionalProperties === false) {
    if (untyped) add('additionalProperties', untyped);
    for (const { a, v } of constrained) {
      if (!a.main.closed) add('additionalProperties', `${VERSIONS[v]} leaves the object open`);
      const mine = Object.keys((s.properties as Json | undefined) ?? {});
      const patterns = Object.keys((s.patternProperties as Json | undefined) ?? {});
      for (const name of listedFields(f, path, v)) {
        if (!mine.includes(name) && !patterns.some((p) => new RegExp(p, 'u').test(name))) add('additionalProperties', `${VERSIONS[v]} accepts the field ${name}`);
      }
    }
  }
  if (Array.isArray(s.required)) {
    for (const name of s.required as string[]) {
      if (untyped) add('required', untyped);
      else for (const { a, v } of constrained) if (!a.main.required?.includes(name)) add('required', `${VERSIONS[v]} does not require ${name}`);
    }
  }
  for (const [key, cmp] of [
    ['minLength', 1],
    ['minimum', 1],
    ['maximum', -1],
  ] as const) {
    if (typeof s[key] !== 'number') continue;
    if (untyped) add(key, untyped);
    else
      for (const { a, v } of constrained) {
        const theirs = a.main[key];
        if (theirs === undefined || (s[key] as number) * cmp > theirs * cmp) add(key, `${VERSIONS[v]} has ${key} ${theirs ?? 'none'}`);
      }
  }
  const names = s.propertyNames as Json | undefined;
  if (names) {
    const pattern = f.keyPatterns.get(path);
    for (const { a, v } of versions) {
      if (a === 'any' || a === 'none' || !a.main.closed || !pattern) add('propertyNames', `${VERSIONS[v]} accepts any key`);
      else if (names.pattern !== pattern || Object.keys(names).some((k) => k !== 'pattern')) add('propertyNames', `${VERSIONS[v]} has the key pattern ${pattern}`);
    }
  }
  for (const key of UNCHECKED) if (s[key] !== undefined) add(key, 'a keyword the format does not use');
  return out;
}

/** Every schema node reachable from the root by data path ($refs followed), with its pointer. */
export function walkByDataPath(root: Json): { path: string; pointer: string; schema: Json }[] {
  const out: { path: string; pointer: string; schema: Json }[] = [];
  const at = (pointer: string): Json => {
    let cur: unknown = root;
    for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) cur = (cur as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return cur as Json;
  };
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const visit = (s: Json, pointer: string, path: string, depth: number): void => {
    if (depth > 40) throw new Error(`schema too deep at ${path}`);
    if (typeof s.$ref === 'string') {
      visit(at(s.$ref), s.$ref, path, depth + 1);
      return;
    }
    out.push({ path, pointer, schema: s });
    for (const [k, v] of Object.entries((s.properties as Json | undefined) ?? {})) visit(v as Json, `${pointer}/properties/${esc(k)}`, path ? `${path}.${k}` : k, depth + 1);
    for (const [k, v] of Object.entries((s.patternProperties as Json | undefined) ?? {})) visit(v as Json, `${pointer}/patternProperties/${esc(k)}`, `${path}.<*>`, depth + 1);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties as Json, `${pointer}/additionalProperties`, `${path}.<*>`, depth + 1);
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) visit(s.items as Json, `${pointer}/items`, `${path}[]`, depth + 1);
  };
  visit(root, '#', '', 0);
  return out;
}

/** Every constraint of `schema` stricter than the format's union, over every data path. */
export function excess(f: FormatSchema, schema: Json): Excess[] {
  return walkByDataPath(schema).flatMap((n) => excessAt(f, n.path, n.pointer, n.schema));
}

/** One place where a value breaks what one version of the format's schema says. */
export interface Violation {
  /** Data path with list indices and map keys, e.g. `L2_network.trust_zones.user.color`. */
  at: string;
  why: string;
}

function jsonTypeOk(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

/** What one reading finds wrong with a value (empty: it fits). */
function breaks(r: Reading, value: unknown): string[] {
  const out: string[] = [];
  if (r.types && !r.types.some((t) => jsonTypeOk(value, t))) return [`is ${JSON.stringify(value)}, not ${r.types.join(' or ')}`];
  if (r.enum && !r.enum.includes(String(value))) out.push(`${JSON.stringify(value)} is not one of ${r.enum.join(', ')}`);
  if (r.pattern && typeof value === 'string' && !new RegExp(r.pattern, 'u').test(value)) out.push(`${JSON.stringify(value)} does not match ${r.pattern}`);
  if (typeof value === 'number' && r.minimum !== undefined && value < r.minimum) out.push(`${value} is below ${r.minimum}`);
  if (typeof value === 'number' && r.maximum !== undefined && value > r.maximum) out.push(`${value} is above ${r.maximum}`);
  if (typeof value === 'string' && r.minLength !== undefined && value.length < r.minLength) out.push(`is shorter than ${r.minLength}`);
  if (r.required && jsonTypeOk(value, 'object')) {
    for (const k of r.required) if (!(k in (value as Json))) out.push(`lacks ${k}`);
  }
  return out;
}

/** Every place `value` (the whole topology, includes followed) breaks version `v` of the format's schema. */
export function violations(f: FormatSchema, value: unknown, v: number): Violation[] {
  const out: Violation[] = [];
  const visit = (val: unknown, path: string, at: string): void => {
    const a = accepts(f, path, v);
    if (a === 'none') return void out.push({ at, why: 'is a field the enclosing object does not allow' });
    if (a !== 'any') {
      for (const why of breaks(a.main, val)) out.push({ at, why });
      const alts = a.branches;
      if (alts.length && !alts.some((b) => b === 'any' || breaks(b, val).length === 0)) {
        out.push({ at, why: `fits none of: ${alts.map((b) => (b === 'any' ? 'any' : JSON.stringify(b))).join(' | ')}` });
      }
    }
    if (Array.isArray(val)) for (const [i, item] of val.entries()) visit(item, `${path}[]`, `${at}[${i}]`);
    else if (jsonTypeOk(val, 'object')) {
      const keyPattern = f.keyPatterns.get(path);
      for (const [k, child] of Object.entries(val as Json)) {
        const mapped = keyPattern !== undefined && new RegExp(keyPattern, 'u').test(k);
        visit(child, mapped ? `${path}.<*>` : path ? `${path}.${k}` : k, at ? `${at}.${k}` : k);
      }
    }
  };
  visit(value, '', '');
  return out;
}
