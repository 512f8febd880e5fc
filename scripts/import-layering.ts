// Cruises the tree with .dependency-cruiser.cjs (the import layering) and draws the folder-level
// picture of its imports: which folders form cycles. `node out/scripts/import-layering.js`
// prints the picture; test/unit/import-layering.test.ts asserts on the same data.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');

/** The parts of dependency-cruiser's result read here (its own types are for ES modules only). */
export interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean }[] }[];
  folders?: { name: string; dependencies?: { name: string; circular?: boolean }[] }[];
  summary: { violations?: Violation[] };
}

export interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

/** The folders the layering covers. */
export const TREE_ROOTS = ['server', 'client', 'web', 'generators', 'bench', 'scripts', 'test', 'shared'];

/** One import: importing file → imported file, both relative to the cruised folder. */
export interface Edge {
  from: string;
  to: string;
}

interface LayeringConfig {
  forbidden: unknown[];
  options: Record<string, unknown>;
  KNOWN_EDGES: Edge[];
  KNOWN_CYCLE_FOLDERS: string[];
}

export function layeringConfig(): LayeringConfig {
  return require(join(REPO, '.dependency-cruiser.cjs')) as LayeringConfig;
}

/** Cruises `baseDir` (the repository, or a fixture tree laid out like it) with the layering rules. */
export async function cruiseTree(baseDir = REPO): Promise<CruiseResult> {
  const { cruise } = await import('dependency-cruiser');
  const config = layeringConfig();
  const roots = TREE_ROOTS.filter((root) => existsSync(join(baseDir, root)));
  const { output } = await cruise(roots, { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir } as never);
  return typeof output === 'string' ? (JSON.parse(output) as CruiseResult) : output;
}

export function errors(result: CruiseResult): Violation[] {
  return (result.summary.violations ?? []).filter((violation) => violation.rule.severity === 'error');
}

/** Every import between two files of the tree (packages and Node modules left out). */
export function fileEdges(result: CruiseResult): Edge[] {
  return result.modules.flatMap((module) =>
    module.dependencies
      .filter((dependency) => !dependency.coreModule && !dependency.couldNotResolve && !dependency.resolved.startsWith('node_modules/'))
      .map((dependency) => ({ from: module.source, to: dependency.resolved })),
  );
}

/**
 * The folder a file counts in for the picture: a folder of the core (its top-level files one by
 * one, since types.ts sits at the bottom and analysis.ts at the top), a server front end, a
 * folder of test/ (test/helpers serves the bench too), or a top-level folder.
 */
export function folderOf(path: string): string {
  const core = /^server\/src\/core\/([^/]+?)(\.d)?(\.ts)?(\/|$)/.exec(path);
  if (core) return `core/${core[1]}`;
  const server = /^server\/src\/([^/]+)\//.exec(path);
  if (server) return server[1] ?? path;
  const [top, sub] = path.split('/');
  return top === 'test' && sub !== undefined && path.includes('/', 5) ? `test/${sub}` : (top ?? path);
}

/** Folder → the folders it imports, with the file imports that make each folder edge. */
export type FolderGraph = Map<string, Map<string, Edge[]>>;

export function folderGraph(edges: readonly Edge[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const edge of edges) {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from === to) continue;
    const targets = graph.get(from) ?? new Map<string, Edge[]>();
    graph.set(from, targets);
    targets.set(to, [...(targets.get(to) ?? []), edge]);
  }
  return graph;
}

/** The groups of folders that import each other in a cycle (strongly connected components, Tarjan). */
export function folderCycles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, index.size);
    low.set(folder, index.size - 1);
    stack.push(folder);
    onStack.add(folder);
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(folder, Math.min(low.get(folder) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === folder) break;
    }
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder);
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

const sameEdge = (a: Edge, b: Edge): boolean => a.from === b.from && a.to === b.to;

export function withoutKnownEdges(edges: readonly Edge[], known: readonly Edge[]): Edge[] {
  return edges.filter((edge) => !known.some((entry) => sameEdge(entry, edge)));
}

/** The picture: each cycle, with the folder edges inside it and how many imports make each. */
export function describeCycles(graph: FolderGraph): string[] {
  const cycles = folderCycles(graph);
  if (cycles.length === 0) return ['no folders form a cycle'];
  return cycles.flatMap((cycle) => [
    `cycle: {${cycle.join(', ')}}`,
    ...cycle.flatMap((from) =>
      [...(graph.get(from) ?? [])]
        .filter(([to]) => cycle.includes(to))
        .map(
          ([to, edges]) => `  ${from} → ${to}: ${edges.length} import${edges.length === 1 ? '' : 's'}${edges.length <= 3 ? ` (${edges.map((edge) => `${edge.from} → ${edge.to}`).join('; ')})` : ''}`,
        ),
    ),
  ]);
}

async function main(): Promise<void> {
  const result = await cruiseTree();
  const edges = fileEdges(result);
  console.log('Folder cycles of the tree:');
  for (const line of describeCycles(folderGraph(edges))) console.log(line);
  console.log('\nWithout the known edges of .dependency-cruiser.cjs:');
  for (const line of describeCycles(folderGraph(withoutKnownEdges(edges, layeringConfig().KNOWN_EDGES)))) console.log(line);
}

if (require.main === module) void main();
