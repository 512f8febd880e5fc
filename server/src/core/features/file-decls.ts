import { Declarations, type Decl } from '../model/declarations';
import type { DataPath, Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { IncludeEdge } from '../workspace/assemble';
import type { SInclude, SNode } from '../workspace/nodes';

/** Where a file's root value sits in the assembled topology: its declaration and data path. */
export interface FilePlacement {
  decl: Decl;
  path: DataPath;
  /** The entity enclosing the file's root (the LXC of an included `storage:` block), if any. */
  entity: Entity | undefined;
}

const cache = new WeakMap<TopologyModel, Map<string, FilePlacement>>();

/**
 * For every file the topology includes, the declaration of the value its root provides. Completion
 * reads a file's text from its root downwards, so it needs to know what that root is.
 */
export function filePlacements(model: TopologyModel): Map<string, FilePlacement> {
  let out = cache.get(model);
  if (out) return out;
  out = new Map();
  const entityByNode = new Map<SNode, Entity>();
  // Only values with an include below are walked into (see walk).
  for (const e of model.entities) if (e.node.hasInclude) entityByNode.set(e.node, e);
  const root = model.assembly.root;
  const rootFile = model.assembly.files[0];
  if (root && rootFile) out.set(rootFile, { decl: model.declarations.root, path: [], entity: undefined });
  const edges = new Map(model.assembly.edges.map((e) => [e.include, e] as const));
  walk(root, model.declarations.root, [], undefined, { model, out, byNode: entityByNode, edges }, 0);
  cache.set(model, out);
  return out;
}

interface WalkState {
  model: TopologyModel;
  out: Map<string, FilePlacement>;
  byNode: Map<SNode, Entity>;
  edges: Map<SInclude, IncludeEdge>;
}

function walk(node: SNode | undefined, decl: Decl | undefined, path: DataPath, entity: Entity | undefined, st: WalkState, depth: number): void {
  const { model, out, edges } = st;
  if (!node || !decl || depth > 200) return;
  if (node.kind === 'include') {
    const target = node.target;
    if (!target) {
      // A file not valid YAML loads nothing, but its text is still read from this place.
      for (const file of edges.get(node)?.targets ?? []) if (!out.has(file)) out.set(file, { decl, path, entity });
      return;
    }
    if (node.dir) {
      // Each file of the directory gives one item, or (when its root is a list) items spliced in.
      for (const file of edges.get(node)?.targets ?? []) {
        const fileRoot = model.assembly.parsed.get(file)?.root;
        if (!out.has(file)) out.set(file, { decl: fileRoot?.kind === 'seq' ? decl : (decl.items ?? decl), path, entity });
      }
    } else if (!out.has(target.file)) out.set(target.file, { decl, path, entity });
    walk(target, decl, path, entity, st, depth + 1);
    return;
  }
  // Placements are made at includes only: a value with none below holds none.
  if ((node.kind === 'map' || node.kind === 'seq') && !node.hasInclude) return;
  if (node.kind === 'map') {
    const inner = st.byNode.get(node) ?? entity;
    for (const e of node.entries) walk(e.value, Declarations.child(decl, e.key), [...path, e.key], inner, st, depth + 1);
  } else if (node.kind === 'seq') {
    node.items.forEach((item, i) => {
      const inner = st.byNode.get(item) ?? entity;
      walk(item, decl.items, [...path, i], inner, st, depth + 1);
    });
  }
}
