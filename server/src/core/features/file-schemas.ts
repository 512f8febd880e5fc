import { Declarations, type Decl } from '../model/declarations';
import type { TopologyModel } from '../model/model';
import type { IncludeEdge } from '../workspace/assemble';
import { deref, type SInclude, type SNode } from '../workspace/nodes';

/**
 * Which part of the topology schema each file holds: an included file is a fragment (one layer,
 * a list of devices, one device), so JSON-Schema-only editors (monaco-yaml, the YAML extension)
 * must validate it against the sub-schema at its place, not the whole schema.
 * Returns JSON pointers into the topology schema per file; several pointers mean "any of".
 */
export function fileSchemaPointers(model: TopologyModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const edges = new Map<SInclude, IncludeEdge>(model.assembly.edges.map((e) => [e.include, e]));
  const add = (file: string, pointer: string) => {
    const list = out.get(file) ?? [];
    if (!list.includes(pointer)) list.push(pointer);
    out.set(file, list);
  };
  const root = model.assembly.files[0];
  if (root) add(root, '#');
  const seen = new Set<SNode>();
  const walk = (node: SNode | undefined, decl: Decl | undefined, depth: number): void => {
    if (!node || !decl || depth > 100 || seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'include') {
      const edge = edges.get(node);
      for (const file of edge?.targets ?? []) {
        if (node.dir) {
          // A file in an !include_dir_sorted folder holds either a list of items or one item.
          add(file, decl.pointer);
          if (decl.items) add(file, decl.items.pointer);
        } else add(file, decl.pointer);
      }
      walk(node.target, decl, depth + 1);
      return;
    }
    const n = deref(node);
    if (n?.kind === 'map') for (const e of n.entries) walk(e.value, Declarations.child(decl, e.key), depth + 1);
    else if (n?.kind === 'seq') for (const i of n.items) walk(i, decl.items, depth + 1);
  };
  const r = model.assembly.root;
  if (r) walk(r, model.declarations.root, 0);
  return out;
}

export type DataPath = (string | number)[];

/** Where a file holds include tags, as paths from the file's root: there the raw text is a path, not the value. */
export function includeSites(model: TopologyModel, file: string): DataPath[] {
  const out: DataPath[] = [];
  const walk = (n: SNode | undefined, path: DataPath, depth: number): void => {
    if (!n || depth > 100) return;
    if (n.kind === 'include') out.push(path);
    else if (n.kind === 'map') for (const e of n.entries) walk(e.value, [...path, e.key], depth + 1);
    else if (n.kind === 'seq')
      n.items.forEach((i, k) => {
        walk(i, [...path, k], depth + 1);
      });
  };
  const pf = model.assembly.parsed.get(file);
  if (pf?.root) walk(pf.root, [], 0);
  return out;
}

type Json = Record<string, unknown>;

/** A copy of `s` that accepts anything at `path` (following $refs into copies; the original is untouched). */
function relax(root: Json, s: Json, path: DataPath): Json {
  if (path.length === 0) return { description: 'Loaded from the included file.' };
  let node = s;
  for (let guard = 0; typeof node.$ref === 'string' && guard < 20; guard++) {
    const target = resolvePointer(root, node.$ref as string);
    const { $ref: _ref, ...rest } = node;
    node = { ...target, ...rest };
  }
  const [head, ...tail] = path;
  if (typeof head === 'number') {
    const items = (node.items as Json | undefined) ?? {};
    return { ...node, items: relax(root, items, tail) };
  }
  const props = (node.properties as Record<string, Json> | undefined) ?? {};
  const child = props[head!] ?? (typeof node.additionalProperties === 'object' ? (node.additionalProperties as Json) : {});
  return { ...node, properties: { ...props, [head!]: relax(root, child, tail) } };
}

function resolvePointer(schema: Json, pointer: string): Json {
  let cur: unknown = schema;
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    cur = (cur as Json)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return (cur as Json) ?? {};
}

/**
 * A self-contained JSON Schema for one file: the sub-schema(s) at its place, with the definitions,
 * relaxed where the file holds include tags (`includes`, paths from the file's root).
 */
export function fileSchema(schema: Record<string, unknown>, pointers: string[], includes: DataPath[] = []): Record<string, unknown> {
  const definitions = schema.definitions;
  const parts = pointers.map((p) => includes.reduce((acc, site) => relax(schema, acc, site), resolvePointer(schema, p)));
  const body = parts.length === 1 ? { ...parts[0] } : { anyOf: parts };
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...body, definitions };
}
