import { Declarations, type Decl, type RefSpec } from './declarations';
import { deref, get, str, type SEntry, type SMap, type SNode, type SScalar } from '../workspace/nodes';
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

export interface Extraction {
  entities: Entity[];
  refs: Ref[];
  deprecated: DeprecatedUse[];
}

export function spanOf(n: { file: string; start: number; end: number }): Span {
  return { file: n.file, start: n.start, end: n.end };
}

/** Walks the assembled tree along the declarations, collecting entities, refs and legacy fields. */
export function extract(root: SNode | undefined, decls: Declarations): Extraction {
  const out: Extraction = { entities: [], refs: [], deprecated: [] };
  const r = deref(root);
  if (r?.kind !== 'map') return out;
  for (const e of r.entries) {
    const d = Declarations.child(decls.root, e.key);
    if (!d) continue;
    const m = /^L(\d)_/.exec(e.key);
    walk(e.value, d, [e.key], undefined, undefined, e.key, m ? Number(m[1]) : -1, out, 0);
  }
  return out;
}

function walk(node: SNode, decl: Decl, path: DataPath, entity: Entity | undefined, container: SMap | undefined, field: string, layer: number, out: Extraction, depth: number): void {
  if (depth > 200) return;
  const n = deref(node);
  if (!n) return;
  if (n.kind === 'scalar') {
    if (decl.ref && typeof n.value === 'string' && n.value !== '') {
      out.refs.push({ spec: decl.ref, value: n.value, node: n, field, path, container, from: entity, layer });
    }
    return;
  }
  if (n.kind === 'map') {
    for (const e of n.entries) {
      const cd = decl.props.get(e.key) ?? decl.additional;
      if (!cd) continue;
      const p = [...path, e.key];
      if (cd.deprecated) out.deprecated.push({ entry: e, container: n, path: p, from: entity, ...(cd.deprecated.migration ? { migration: cd.deprecated.migration } : {}) });
      let inner = entity;
      if (cd.kind && !decl.props.has(e.key)) {
        const value = deref(e.value);
        if (value?.kind === 'map') {
          inner = { kind: cd.kind, id: e.key, node: value, idSpan: { file: n.file, start: e.keyStart, end: e.keyEnd }, path: p, layer, decl: cd, ...(entity ? { owner: entity } : {}) };
          out.entities.push(inner);
        }
      }
      walk(e.value, cd, p, inner, n, e.key, layer, out, depth + 1);
    }
    return;
  }
  const itemDecl = decl.items;
  if (!itemDecl) return;
  n.items.forEach((item, i) => {
    const p = [...path, i];
    let inner = entity;
    const v = deref(item);
    if (itemDecl.kind && v?.kind === 'map') {
      const idNode = deref(get(v, 'id'));
      const id = str(idNode);
      if (id !== undefined && idNode) {
        inner = { kind: itemDecl.kind, id, node: v, idSpan: spanOf(idNode), path: p, layer, decl: itemDecl, ...(entity ? { owner: entity } : {}) };
        out.entities.push(inner);
      }
    }
    walk(item, itemDecl, p, inner, container, field, layer, out, depth + 1);
  });
}
