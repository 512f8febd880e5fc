/**
 * Reads the schema's `x-kind`, `x-scope`, `x-ref` and `x-migration` keywords (docs/schema-keywords.md)
 * into a tree that mirrors the data: the one declaration of entities and references that every
 * rule, feature, migration and generator reads.
 */

export interface RefSpec {
  /** Every kind the value may name. */
  kinds: string[];
  /** The kind chosen by a sibling field's value (runtime.type → lxc | vm | device). */
  kindFrom?: { field: string; kinds: Record<string, string> };
  /** The target must belong to the entity named by this sibling field (or, absent, to the enclosing entity). */
  ownedBy?: string;
  where?: Record<string, string[]>;
  whereNot?: Record<string, string[]>;
  /**
   * A `*_ref` / `*_refs` field that no `x-ref` declares: `undeclared` where the schema does not
   * name the field at all, `plain` where it declares it without saying what it names. Its kind is
   * unknown; it names an entity when exactly one has its value as id.
   */
  untyped?: 'undeclared' | 'plain';
}

/** How a field that no `x-ref` declares is known to refer to an id: its name. */
export const REF_FIELD = /.(_ref|_refs)$/;
export const UNDECLARED_REF: RefSpec = { kinds: [], untyped: 'undeclared' };
export const PLAIN_REF: RefSpec = { kinds: [], untyped: 'plain' };

export interface Decl {
  props: Map<string, Decl>;
  /** Schema for map values not named in props (maps keyed by id or name). */
  additional?: Decl;
  items?: Decl;
  /** Items here are entities of this kind. */
  kind?: string;
  /** Ids are unique only inside the enclosing entity of this kind. */
  scope?: string;
  ref?: RefSpec;
  deprecated?: { migration?: string };
  /** JSON pointer of the schema this node came from (per-entity validation compiles it). */
  pointer: string;
  description?: string;
  enumValues?: unknown[];
  types?: string[];
  /** `pattern` of a string schema. */
  pattern?: string;
  /** Keys the schema requires (key completion offers them first; created entities carry them). */
  required?: string[];
  /** On an entity declaration: the pattern its ids must match (the `id` pattern, or the map's `propertyNames`). */
  idPattern?: string;
  /** The schema closes the object (`additionalProperties: false`): an unknown key is a fault, not a likely typo. */
  closed?: boolean;
}

type Json = Record<string, unknown>;

export class Declarations {
  readonly root: Decl;
  /** Kind → where its entities live (for docs and creation). */
  readonly kinds = new Map<string, { decls: Decl[] }>();
  private readonly memo = new Map<Json, Decl>();

  constructor(readonly schema: Json) {
    this.root = this.build(schema, '#');
  }

  private resolvePointer(ref: string): Json | undefined {
    if (!ref.startsWith('#/')) return undefined;
    let cur: unknown = this.schema;
    for (const part of ref.slice(2).split('/')) {
      cur = (cur as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return cur as Json | undefined;
  }

  private build(s: Json, pointer: string): Decl {
    const hit = this.memo.get(s);
    if (hit) return hit;
    const d: Decl = { props: new Map(), pointer };
    this.memo.set(s, d);
    if (typeof s.$ref === 'string') {
      const target = this.resolvePointer(s.$ref);
      if (target) mergeInto(d, this.build(target, s.$ref));
      d.pointer = Object.keys(s).length === 1 ? s.$ref : pointer;
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = s[key];
      if (Array.isArray(list)) for (const [i, sub] of list.entries()) mergeInto(d, this.build(sub as Json, `${pointer}/${key}/${i}`));
    }
    if (s.properties && typeof s.properties === 'object') {
      for (const [k, v] of Object.entries(s.properties as Json)) {
        const child = this.build(v as Json, `${pointer}/properties/${escapePointer(k)}`);
        const prev = d.props.get(k);
        d.props.set(k, prev ? union(prev, child) : child);
      }
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      d.additional = this.build(s.additionalProperties as Json, `${pointer}/additionalProperties`);
      const keyPattern = ((s.propertyNames ?? s['x-propertyNames']) as Json | undefined)?.pattern;
      if (typeof keyPattern === 'string' && d.additional.kind) d.additional.idPattern ??= keyPattern;
    }
    if (s.additionalProperties === false) d.closed = true;
    if (s.patternProperties && typeof s.patternProperties === 'object') {
      for (const [p, v] of Object.entries(s.patternProperties as Json)) {
        const child = this.build(v as Json, `${pointer}/patternProperties/${escapePointer(p)}`);
        d.additional = d.additional ? union(d.additional, child) : child;
      }
    }
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
      d.items = this.build(s.items as Json, `${pointer}/items`);
    }
    if (typeof s['x-kind'] === 'string') {
      d.kind = s['x-kind'];
      d.idPattern ??= d.props.get('id')?.pattern;
      const entry = this.kinds.get(d.kind) ?? { decls: [] };
      entry.decls.push(d);
      this.kinds.set(d.kind, entry);
    }
    if (typeof s['x-scope'] === 'string') d.scope = s['x-scope'];
    if (s['x-ref'] !== undefined) d.ref = parseRef(s['x-ref']);
    if (s.deprecated === true) d.deprecated = typeof s['x-migration'] === 'string' ? { migration: s['x-migration'] } : {};
    if (typeof s.description === 'string') d.description = s.description;
    // What Strata expects where the format claims nothing (`x-enum`, `x-type`, …) serves completion the same way.
    const enumValues = s.enum ?? s['x-enum'];
    if (Array.isArray(enumValues)) d.enumValues = enumValues;
    const pattern = s.pattern ?? s['x-pattern'];
    if (typeof pattern === 'string') d.pattern = pattern;
    const required = [...(Array.isArray(s.required) ? s.required : []), ...(Array.isArray(s['x-required']) ? s['x-required'] : [])];
    if (required.length) d.required = required.map(String);
    const type = s.type ?? s['x-type'];
    if (typeof type === 'string') d.types = [type];
    else if (Array.isArray(type)) d.types = type as string[];
    return d;
  }

  /** The declaration for the child of `d` under `key` (a map key) or an item (key undefined). */
  static child(d: Decl | undefined, key: string | undefined): Decl | undefined {
    if (!d) return undefined;
    if (key === undefined) return d.items;
    return d.props.get(key) ?? d.additional;
  }
}

function escapePointer(k: string): string {
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}

function parseRef(raw: unknown): RefSpec {
  if (typeof raw === 'string') return { kinds: [raw] };
  if (Array.isArray(raw)) return { kinds: raw.map(String) };
  const r = raw as Json;
  const spec: RefSpec = { kinds: [] };
  if (typeof r.kind === 'string') spec.kinds = [r.kind];
  else if (Array.isArray(r.kind)) spec.kinds = r.kind.map(String);
  if (typeof r.kindFrom === 'string' && r.kinds && typeof r.kinds === 'object') {
    const kinds = r.kinds as Record<string, string>;
    spec.kindFrom = { field: r.kindFrom, kinds };
    spec.kinds = [...new Set(Object.values(kinds))];
  }
  if (typeof r.ownedBy === 'string') spec.ownedBy = r.ownedBy;
  if (r.where && typeof r.where === 'object') spec.where = normaliseWhere(r.where as Json);
  if (r.whereNot && typeof r.whereNot === 'object') spec.whereNot = normaliseWhere(r.whereNot as Json);
  return spec;
}

function normaliseWhere(w: Json): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(w)) out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  return out;
}

/** Folds `src` into `d` (used for $ref and allOf/anyOf/oneOf branches). */
function mergeInto(d: Decl, src: Decl): void {
  for (const [k, v] of src.props) {
    const prev = d.props.get(k);
    d.props.set(k, prev && prev !== v ? union(prev, v) : v);
  }
  if (src.additional) d.additional = d.additional && d.additional !== src.additional ? union(d.additional, src.additional) : src.additional;
  if (src.items) d.items = d.items && d.items !== src.items ? union(d.items, src.items) : src.items;
  d.kind ??= src.kind;
  d.scope ??= src.scope;
  d.ref ??= src.ref;
  d.deprecated ??= src.deprecated;
  d.description ??= src.description;
  d.enumValues ??= src.enumValues;
  d.types ??= src.types;
  d.pattern ??= src.pattern;
  d.required ??= src.required;
  d.idPattern ??= src.idPattern;
  d.closed ??= src.closed;
}

const unions = new WeakMap<Decl, WeakMap<Decl, Decl>>();
function union(a: Decl, b: Decl): Decl {
  if (a === b) return a;
  const hit = unions.get(a)?.get(b);
  if (hit) return hit;
  const d: Decl = { props: new Map(), pointer: a.pointer };
  if (!unions.has(a)) unions.set(a, new WeakMap());
  unions.get(a)!.set(b, d);
  mergeInto(d, a);
  mergeInto(d, b);
  return d;
}
