import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { closest } from '../text/similar';
import { deref, toJS, type SMap, type SNode } from '../workspace/nodes';
import type { Declarations } from './declarations';
import { topologySchema } from './topology-schema';
import { spanOf, type Entity } from './extract';
import type { TopologyModel } from './model';
import type { Finding } from '../types';
import { pointerNames, validators } from './generated/topology-validators';
import type { RepositorySchema } from './repository-schema';

/**
 * The model before an edit that changed nothing outside the entities, and how to move findings of
 * that model along with the edited text (undefined when one sat inside the edit).
 */
export interface SkeletonCarry {
  previous: TopologyModel;
  move(findings: SchemaIssue[]): SchemaIssue[] | undefined;
}

export type SchemaIssueKind = 'schema' | 'schema-unknown-field' | 'schema-unknown-value';
export interface SchemaIssue extends Finding {
  rule: SchemaIssueKind;
}

/**
 * Validates the topology against the JSON Schema with ajv: each top-level entity on its own (so an
 * edit re-validates only the entities it touched), then the skeleton around them. Errors are placed
 * on the exact key or value and worded for a person.
 */
export class SchemaValidator {
  private ajvInstance: Ajv | undefined;
  private readonly entityValidators = new Map<string, ValidateFunction>();
  private readonly skeleton: ValidateFunction;
  private readonly cache = new WeakMap<SMap, SchemaIssue[]>();
  /** Findings between the entities, per model: an edit inside entities leaves them as they were. */
  private readonly skeletons = new WeakMap<TopologyModel, SchemaIssue[]>();

  /** Precompiled validators (scripts/gen-validators.mjs) serve the bundled schema; any other is compiled here. */
  private readonly precompiled: boolean;

  constructor(decls: Declarations) {
    this.precompiled = decls.schema === topologySchema;
    if (this.precompiled) this.skeleton = validators.skeleton as ValidateFunction;
    else {
      this.ajv.addSchema(decls.schema, 'topology');
      this.skeleton = this.ajv.compile(stripEntities(decls.schema));
    }
  }

  /** Compiling validators is only for a schema other than the bundled one (tests, `--schema`). */
  private get ajv(): Ajv {
    return (this.ajvInstance ??= new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false }));
  }

  private validatorFor(pointer: string): ValidateFunction | undefined {
    let v = this.entityValidators.get(pointer);
    if (!v) {
      const name = this.precompiled ? pointerNames[pointer] : undefined;
      v = name ? (validators[name] as ValidateFunction) : this.compile(pointer);
      if (v) this.entityValidators.set(pointer, v);
    }
    return v;
  }

  private compile(pointer: string): ValidateFunction | undefined {
    if (!this.ajv.getSchema('topology')) this.ajv.addSchema(topologySchema, 'topology');
    return this.ajv.getSchema(`topology${pointer}`);
  }

  validate(model: TopologyModel, carry?: SkeletonCarry): SchemaIssue[] {
    const out: SchemaIssue[] = [];
    const root = model.assembly.root;
    if (root === undefined) return out;
    model.tracking.noteAllKeys();
    let between: SchemaIssue[] | undefined;
    const last = carry && this.skeletons.get(carry.previous);
    if (carry && last) between = carry.move(last);
    if (!between) {
      // The skeleton validator does not look inside entities: they are validated one by one below.
      this.skeleton(toJS(root, new Set(model.entities.filter((e) => !e.owner).map((e) => e.node))));
      between = this.mapErrors(this.skeleton.errors ?? [], root, undefined);
    }
    this.skeletons.set(model, between);
    out.push(...between);
    for (const e of model.entities) {
      if (e.owner) continue;
      const issues = this.validateEntity(e);
      for (let i = 0; i < issues.length; i++) out.push(issues[i]!);
    }
    return out;
  }

  private validateEntity(e: Entity): SchemaIssue[] {
    if (!e.node.hasInclude) {
      const hit = this.cache.get(e.node);
      if (hit) return hit;
    }
    const v = this.validatorFor(e.decl.pointer);
    let issues: SchemaIssue[] = [];
    if (v && !v(toJS(e.node))) issues = this.mapErrors(v.errors ?? [], e.node, e);
    if (!e.node.hasInclude) this.cache.set(e.node, issues);
    return issues;
  }

  private mapErrors(errors: ErrorObject[], base: SNode, entity: Entity | undefined): SchemaIssue[] {
    return mapErrors(errors, base, () => entity);
  }
}

/**
 * The repository's own schema validates the whole document (its pointers are not Strata's, so
 * entities cannot be validated one by one); each error is worded after the entity it lies in.
 */
export function validateWithAuthority(model: TopologyModel, authority: RepositorySchema): SchemaIssue[] {
  const root = model.assembly.root;
  if (root === undefined) return [];
  model.tracking.noteAllKeys();
  const byNode = new Map<SMap, Entity>();
  for (const e of model.entities) byNode.set(e.node, e);
  authority.validate(toJS(root));
  return mapErrors(authority.validate.errors ?? [], root, (segments) => innermostEntity(root, segments, byNode));
}

function innermostEntity(base: SNode, segments: string[], byNode: Map<SMap, Entity>): Entity | undefined {
  let found: Entity | undefined;
  let n: SNode | undefined = base;
  for (const s of segments) {
    const d = deref(n);
    if (!d) break;
    n = d.kind === 'seq' ? d.items[Number(s)] : d.kind === 'map' ? d.byKey.get(s)?.value : undefined;
    const m = deref(n);
    if (m?.kind === 'map') found = byNode.get(m) ?? found;
  }
  return found;
}

/** Where a schema path enters its outermost `oneOf`/`anyOf` branch: the combinator's path and the branch number. */
function alternative(schemaPath: string): { at: string; branch: number } | undefined {
  const m = /\/(oneOf|anyOf)\/(\d+)(\/|$)/.exec(schemaPath);
  return m ? { at: schemaPath.slice(0, m.index + m[1]!.length + 1), branch: Number(m[2]) } : undefined;
}

/** What one failing branch asks for, in words (`a number`, `'remaining'`, `matching ^x$`). */
function form(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  if (err.keyword === 'type') return article(String(p.type));
  if (err.keyword === 'enum') return (p.allowedValues as unknown[]).map((v) => `'${String(v)}'`).join(' or ');
  if (err.keyword === 'pattern') return `a string matching ${String(p.pattern)}`;
  if (err.keyword === 'required') return `a map with \`${String(p.missingProperty)}\``;
  return err.message ?? 'another shape';
}

/**
 * A value that fits none of a `oneOf`/`anyOf`'s alternatives is one mistake: the branches' own
 * errors are folded into one finding on the value, naming what each alternative asks for.
 */
function foldAlternatives(errors: ErrorObject[], base: SNode, entityAt: (segments: string[]) => Entity | undefined): { rest: ErrorObject[]; folded: SchemaIssue[] } {
  type Group = { combinator: ErrorObject; forms: Map<number, string> };
  // By the combinator's schema path: one per value it applies to (every partition's `size`).
  const bySchema = new Map<string, Group[]>();
  const groups: Group[] = [];
  for (const err of errors) {
    if (err.keyword !== 'oneOf' && err.keyword !== 'anyOf') continue;
    const g = { combinator: err, forms: new Map<number, string>() };
    groups.push(g);
    bySchema.set(err.schemaPath, [...(bySchema.get(err.schemaPath) ?? []), g]);
  }
  const groupOf = (err: ErrorObject, at: string) => bySchema.get(at)?.find((g) => err.instancePath === g.combinator.instancePath || err.instancePath.startsWith(`${g.combinator.instancePath}/`));
  const rest: ErrorObject[] = [];
  for (const err of errors) {
    const alt = alternative(err.schemaPath);
    const group = alt ? groupOf(err, alt.at) : undefined;
    if (!group) {
      if (err.keyword !== 'oneOf' && err.keyword !== 'anyOf') rest.push(err);
      continue;
    }
    if (!group.forms.has(alt!.branch)) group.forms.set(alt!.branch, form(err));
  }
  const folded: SchemaIssue[] = [];
  for (const { combinator, forms } of groups) {
    const outer = alternative(combinator.schemaPath);
    if (!forms.size || (outer && groupOf(combinator, outer.at))) continue;
    const segments = combinator.instancePath
      .split('/')
      .slice(1)
      .map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
    const { node } = walk(base, segments);
    if (!node) continue;
    const entity = entityAt(segments);
    const named = segments.filter((x) => !/^\d+$/.test(x));
    const field = named.length ? named[named.length - 1]! : entity ? entity.kind : 'document';
    const where = entity ? `${entity.kind} '${entity.id}'` : 'the topology';
    const allowed = [...forms.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
    folded.push({ rule: 'schema', span: spanOf(node), message: `\`${field}\` in ${where} is ${describeValue(toJS(node))}, which none of its allowed forms accepts: ${allowed.join('; ')}.` });
  }
  return { rest, folded };
}

function mapErrors(errors: ErrorObject[], base: SNode, entityAt: (segments: string[]) => Entity | undefined): SchemaIssue[] {
  const { rest, folded } = foldAlternatives(errors, base, entityAt);
  const out: SchemaIssue[] = [...folded];
  const seen = new Set<string>();
  for (const err of rest) {
    if (['if', 'not'].includes(err.keyword)) continue;
    const issue = describe(err, base, entityAt);
    if (!issue) continue;
    const key = `${issue.span.file}:${issue.span.start}:${issue.rule}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function describe(err: ErrorObject, base: SNode, entityAt: (segments: string[]) => Entity | undefined): SchemaIssue | undefined {
  const segments = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const { node, keyNode } = walk(base, segments);
  if (!node) return undefined;
  const entity = entityAt(segments);
  // A list item is named by its list (`storage_slots`), not by its index.
  const named = segments.filter((x) => !/^\d+$/.test(x));
  const field = named.length ? named[named.length - 1]! : entity ? entity.kind : 'document';
  const where = entity ? `${entity.kind} '${entity.id}'` : 'the topology';
  const at = keyNode ?? spanOf(node);
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const m = deref(node);
      const entry = m?.kind === 'map' ? m.byKey.get(name) : undefined;
      const known = knownKeys(err.parentSchema);
      const guess = closest(name, known, 1);
      return {
        rule: 'schema-unknown-field',
        span: entry ? { file: m!.file, start: entry.keyStart, end: entry.keyEnd } : spanOf(node),
        message: `Unknown field \`${name}\` in ${named.length && !(entity && m === entity.node) ? `\`${field}\` of ` : ''}${where}.${guess.length ? ` Did you mean \`${guess[0]}\`?` : ' Strata does not know it; generators ignore it.'}`,
        data: { field: name, ...(guess.length ? { suggestion: guess[0] } : {}) },
      };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const value = String(toJS(node));
      const guess = closest(value, allowed, 1);
      return {
        rule: 'schema-unknown-value',
        span: spanOf(node),
        message: `\`${field}\` is '${value}', which is not a known value (${allowed.join(', ')}).${guess.length ? ` Did you mean '${guess[0]}'?` : ''}`,
        data: { allowed, ...(guess.length ? { suggestion: guess[0] } : {}) },
      };
    }
    case 'required': {
      const name = String(p.missingProperty);
      const span = entity && deref(node) === entity.node ? entity.idSpan : at;
      return {
        rule: 'schema',
        span,
        message: `${named.length && !(entity && deref(node) === entity.node) ? `\`${field}\` of ` : ''}${where} is missing the required field \`${name}\`.`,
        data: { field: name },
      };
    }
    case 'type':
      return { rule: 'schema', span: spanOf(node), message: `\`${field}\` in ${where} should be ${article(String(p.type))}, not ${describeValue(toJS(node))}.` };
    case 'pattern':
      return { rule: 'schema', span: spanOf(node), message: `\`${field}\` '${String(toJS(node))}' in ${where} does not match the pattern ${String(p.pattern)}.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { rule: 'schema', span: spanOf(node), message: `\`${field}\` in ${where} must be ${String(p.comparison)} ${String(p.limit)}, not ${String(toJS(node))}.` };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return { rule: 'schema', span: spanOf(node), message: `\`${field}\` in ${where} ${err.message ?? 'has the wrong size'}.` };
    case 'const':
      return { rule: 'schema', span: spanOf(node), message: `\`${field}\` in ${where} must be ${JSON.stringify(p.allowedValue)}.` };
    default:
      return { rule: 'schema', span: spanOf(node), message: `\`${field}\` in ${where} ${err.message ?? 'is invalid'}.` };
  }
}

function walk(base: SNode, segments: string[]): { node: SNode | undefined; keyNode?: { file: string; start: number; end: number } } {
  let n: SNode | undefined = base;
  let keyNode: { file: string; start: number; end: number } | undefined;
  for (const s of segments) {
    const d = deref(n);
    if (!d) return { node: undefined };
    if (d.kind === 'seq') n = d.items[Number(s)];
    else if (d.kind === 'map') {
      const e = d.byKey.get(s);
      keyNode = e ? { file: d.file, start: e.keyStart, end: e.keyEnd } : undefined;
      n = e?.value;
    } else return { node: undefined };
  }
  return { node: n, ...(keyNode ? { keyNode } : {}) };
}

function knownKeys(schema: unknown): string[] {
  const s = schema as { properties?: Record<string, unknown> } | undefined;
  return s?.properties ? Object.keys(s.properties) : [];
}

function article(t: string): string {
  const list = t.split(',');
  const word = (x: string) => (x === 'integer' ? 'an integer' : x === 'array' ? 'a list' : x === 'object' ? 'a map' : x === 'null' ? 'null' : `a ${x}`);
  return list.map(word).join(' or ');
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

/** The schema with every entity schema opened up, to validate what lies between entities. */
function stripEntities(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  const visit = (s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && 'x-kind' in (v as object)) o[k] = {};
      else if (Array.isArray(v)) v.forEach(visit);
      else visit(v);
    }
  };
  const defs = copy.definitions as Record<string, unknown> | undefined;
  if (defs) for (const [k, v] of Object.entries(defs)) if (v && typeof v === 'object' && 'x-kind' in (v as object)) defs[k] = {};
  visit(copy);
  delete copy.$id;
  return copy;
}
