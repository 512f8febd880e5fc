import { Declarations, PLAIN_REF, REF_FIELD, UNDECLARED_REF, type Decl, type RefSpec } from './declarations';
import { deref, get, str, type SEntry, type SInclude, type SMap, type SNode, type SScalar } from '../workspace/nodes';
import type { Span } from '../types';

export type DataPath = (string | number)[];

export interface Entity {
  kind: string;
  id: string;
  node: SMap;
  /** Where the id is written: the `id` value, or the key of a map-keyed entity. */
  idSpan: Span;
  path: DataPath;
  /** Layer number from the root key (L0_meta → 0). */
  layer: number;
  /** The enclosing entity (a device for its interfaces and slots, an LXC for its volumes). */
  owner?: Entity;
  decl: Decl;
}

export interface Ref {
  spec: RefSpec;
  value: string;
  node: SScalar;
  /** The field the value sits under (`network_ref`, or `firewall_policy_refs` for a list item). */
  field: string;
  path: DataPath;
  /** The object holding the field, for sibling lookups (ownedBy, kindFrom). */
  container: SMap | undefined;
  /** The innermost entity the ref belongs to. */
  from: Entity | undefined;
  layer: number;
}

export interface DeprecatedUse {
  entry: SEntry;
  container: SMap;
  path: DataPath;
  from: Entity | undefined;
  migration?: string;
}

/** A place whose include left a file unread: what the file would have held is declared by `decl`. */
export interface UnloadedSite {
  decl: Decl;
  /** Spans of the findings that say why the file was not read. */
  causes: Span[];
}

export interface Extraction {
  entities: Entity[];
  refs: Ref[];
  deprecated: DeprecatedUse[];
  unloaded: UnloadedSite[];
}

export function spanOf(n: { file: string; start: number; end: number }): Span {
  return { file: n.file, start: n.start, end: n.end };
}

/** Walks the assembled tree along the declarations, collecting entities, refs and legacy fields. */
export function extract(root: SNode | undefined, decls: Declarations, unloaded: ReadonlyMap<SInclude, Span[]> = new Map()): Extraction {
  const out: Extraction = { entities: [], refs: [], deprecated: [], unloaded: [] };
  const r = deref(root);
  if (r?.kind !== 'map') return out;
  // One shared path stack: a path array is copied only for what is recorded, not for every node.
  const path: DataPath = [];
  for (const e of r.entries) {
    const d = Declarations.child(decls.root, e.key);
    if (!d) continue;
    const m = /^L(\d)_/.exec(e.key);
    path.push(e.key);
    new Walker(out, path, m ? Number(m[1]) : -1, unloaded).walk(e.value, d, undefined, undefined, e.key, 0);
    path.pop();
  }
  return out;
}

/**
 * What one top-level entity contributed, reusable while its node (unchanged text: the parse cache
 * returns the same node) sits at the same data path under the same declaration. This keeps a
 * re-check after a one-file edit proportional to that file.
 */
interface Contribution {
  decl: Decl;
  path: DataPath;
  entities: Entity[];
  refs: Ref[];
  deprecated: readonly DeprecatedUse[];
}
const contributions = new WeakMap<SMap, Contribution>();
const NO_DEPRECATED: readonly DeprecatedUse[] = Object.freeze([]);

/** The declaration of a list's items the schema says nothing of (a `*_refs` list declared without `items`). */
const EMPTY_DECL: Decl = { props: new Map(), pointer: '' };

function samePath(a: DataPath, b: DataPath): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

class Walker {
  constructor(
    private readonly out: Extraction,
    private readonly path: DataPath,
    private readonly layer: number,
    private readonly unloaded: ReadonlyMap<SInclude, Span[]>,
  ) {}

  /** `implied`: the ref spec of a `*_ref` field the schema declares without `x-ref` (its value, or its list's items). */
  walk(node: SNode, decl: Decl, entity: Entity | undefined, container: SMap | undefined, field: string, depth: number, implied?: RefSpec): void {
    if (depth > 200) return;
    if (node.kind === 'include' && this.unloaded.size > 0) {
      const causes = this.unloaded.get(node);
      if (causes) this.out.unloaded.push({ decl, causes });
    }
    const n = deref(node);
    if (!n) return;
    const { out, path, layer } = this;
    if (n.kind === 'scalar') {
      const spec = decl.ref ?? implied;
      if (spec && typeof n.value === 'string' && n.value !== '') {
        out.refs.push({ spec, value: n.value, node: n, field, path: path.slice(), container, from: entity, layer });
      }
      return;
    }
    if (n.kind === 'map') {
      for (const e of n.entries) {
        const cd = decl.props.get(e.key) ?? decl.additional;
        if (!cd) {
          // A field the schema does not name: refs written below it still count (by their names).
          if (e.value.kind !== 'scalar' || REF_FIELD.test(e.key)) {
            path.push(e.key);
            this.walkUndeclared(e.value, entity, n, e.key, depth + 1);
            path.pop();
          }
          continue;
        }
        path.push(e.key);
        if (cd.deprecated) out.deprecated.push({ entry: e, container: n, path: path.slice(), from: entity, ...(cd.deprecated.migration ? { migration: cd.deprecated.migration } : {}) });
        let inner = entity;
        if (cd.kind && !decl.props.has(e.key)) {
          const value = deref(e.value);
          if (value?.kind === 'map') {
            inner = { kind: cd.kind, id: e.key, node: value, idSpan: { file: n.file, start: e.keyStart, end: e.keyEnd }, path: path.slice(), layer, decl: cd, ...(entity ? { owner: entity } : {}) };
            out.entities.push(inner);
          }
        }
        const plain = !cd.ref && !cd.items?.ref && REF_FIELD.test(e.key) ? PLAIN_REF : undefined;
        // Scalars without a ref declaration hold nothing to record: skip the call.
        if (e.value.kind !== 'scalar' || cd.ref || plain) this.walk(e.value, cd, inner, n, e.key, depth + 1, plain);
        path.pop();
      }
      return;
    }
    const itemDecl = decl.items ?? (implied ? EMPTY_DECL : undefined);
    if (!itemDecl) return;
    const items = n.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      path.push(i);
      let inner = entity;
      if (itemDecl.kind) {
        const v = deref(item);
        if (v?.kind === 'map') {
          if (!entity && !v.hasInclude && this.reuse(v, itemDecl)) {
            path.pop();
            continue;
          }
          const idNode = deref(get(v, 'id'));
          const id = str(idNode);
          if (id !== undefined && idNode) {
            inner = { kind: itemDecl.kind, id, node: v, idSpan: spanOf(idNode), path: path.slice(), layer, decl: itemDecl, ...(entity ? { owner: entity } : {}) };
            if (!entity && !v.hasInclude) {
              this.record(v, itemDecl, inner, item, container, field, depth);
              path.pop();
              continue;
            }
            out.entities.push(inner);
          }
        }
      }
      if (item.kind !== 'scalar' || itemDecl.ref || implied) this.walk(item, itemDecl, inner, container, field, depth + 1, implied);
      path.pop();
    }
  }

  /** Below a field the schema does not name: every `*_ref` / `*_refs` value, by its field's name. */
  private walkUndeclared(node: SNode, entity: Entity | undefined, container: SMap, field: string, depth: number): void {
    if (depth > 200) return;
    const n = deref(node);
    if (!n) return;
    const { out, path, layer } = this;
    if (n.kind === 'scalar') {
      if (REF_FIELD.test(field) && typeof n.value === 'string' && n.value !== '')
        out.refs.push({ spec: UNDECLARED_REF, value: n.value, node: n, field, path: path.slice(), container, from: entity, layer });
      return;
    }
    if (n.kind === 'seq') {
      n.items.forEach((item, i) => {
        path.push(i);
        this.walkUndeclared(item, entity, container, field, depth + 1);
        path.pop();
      });
      return;
    }
    for (const e of n.entries) {
      if (e.value.kind === 'scalar' && !REF_FIELD.test(e.key)) continue;
      path.push(e.key);
      this.walkUndeclared(e.value, entity, n, e.key, depth + 1);
      path.pop();
    }
  }

  /** Appends a cached contribution when the entity node and its place are unchanged. */
  private reuse(v: SMap, decl: Decl): boolean {
    const c = contributions.get(v);
    if (!c || c.decl !== decl || !samePath(c.path, this.path)) return false;
    const out = this.out;
    for (const e of c.entities) out.entities.push(e);
    for (const r of c.refs) out.refs.push(r);
    for (const d of c.deprecated) out.deprecated.push(d);
    return true;
  }

  /** Walks a top-level entity and keeps what it contributed for the next analysis. */
  private record(v: SMap, decl: Decl, entity: Entity, item: SNode, container: SMap | undefined, field: string, depth: number): void {
    const out = this.out;
    const [e0, r0, d0] = [out.entities.length, out.refs.length, out.deprecated.length];
    out.entities.push(entity);
    this.walk(item, decl, entity, container, field, depth + 1);
    // The entity's path is the walk's path here; most entities use no deprecated field.
    const deprecated = out.deprecated.length > d0 ? out.deprecated.slice(d0) : NO_DEPRECATED;
    contributions.set(v, { decl, path: entity.path, entities: out.entities.slice(e0), refs: out.refs.slice(r0), deprecated });
  }
}
