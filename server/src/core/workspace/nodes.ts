/**
 * The source-tracked value tree. Each node knows the file and offsets it came from, so a finding
 * about a value in an included file lands in that file, on that value. Include nodes stay in the
 * tree of the file that holds the tag; assembly points them at what they load (`target`).
 */
import type { Tracker } from '../tracking/tracker';

export type SNode = SMap | SSeq | SScalar | SInclude;

interface Base {
  file: string;
  start: number;
  end: number;
}

export interface SEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: SNode;
}

/**
 * A map's entries by key that records which keys are asked for (into its workspace's tracker): a
 * re-check re-runs a rule only when an edit touches a key it looked up. It reads the map's own entry list:
 * small maps (most of a topology) are searched in place, larger ones get a hash index, so building
 * a tree costs no hash table per map.
 */
export class KeyMap {
  private index: Map<string, SEntry> | undefined;
  /**
   * What a read of this map depends on: its file, or in a file whose top level is a list, the item
   * it sits in (`unitOf`), so that an edit of one item of a long list leaves readers of the others be.
   */
  unit: string;

  constructor(
    readonly file: string,
    private readonly list: SEntry[],
    /** Undefined for a tree parsed outside a workspace: nothing is recorded. */
    readonly tracking: Tracker | undefined,
  ) {
    this.unit = file;
  }

  get(key: string): SEntry | undefined {
    this.tracking?.noteKey(key, this.unit);
    return this.find(key);
  }

  has(key: string): boolean {
    this.tracking?.noteKey(key, this.unit);
    return this.find(key) !== undefined;
  }

  /** For the readers building the map: the entry under `key`, without noting a read. */
  find(key: string): SEntry | undefined {
    if (this.index) return this.index.get(key);
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return list[i];
    return undefined;
  }

  /** For the readers building the map: `entry` was just appended to the list (replacing any entry under its key). */
  added(entry: SEntry): void {
    if (this.index) this.index.set(entry.key, entry);
    else if (this.list.length > SMALL_MAP) this.index = new Map(this.list.map((e) => [e.key, e]));
  }
}

/** Up to this many entries a map is searched in place. */
const SMALL_MAP = 16;

export interface SMap extends Base {
  kind: 'map';
  entries: SEntry[];
  /** Last entry per key (later duplicates win, as the format's own loader does). */
  byKey: KeyMap;
  /** True when an include tag sits anywhere below: results cached per node must not outlive it. */
  hasInclude: boolean;
}

export interface SSeq extends Base {
  kind: 'seq';
  items: SNode[];
  hasInclude: boolean;
}

export type ScalarValue = string | number | boolean | null;

export interface SScalar extends Base {
  kind: 'scalar';
  value: ScalarValue;
  /** Written with quotes in the source. */
  quoted: boolean;
}

export interface SInclude extends Base {
  kind: 'include';
  /** `!include` loads one file; `!include_dir_sorted` a directory. */
  dir: boolean;
  path: string;
  /** Offset where the tag itself starts (findings about the include point here). */
  tagStart: number;
  /** Set by assembly: the loaded value, or undefined when the include failed. */
  target?: SNode;
  /** Set by assembly: the tracker of the workspace that loaded it, which notes the crossing into the target's file. */
  tracking?: Tracker;
}

/** The unit of the `index`th item of a file whose top level is a list (never a file name: files have no NUL). */
export function listItemUnit(file: string, index: number): string {
  return `${file}\0#${index}`;
}

/** What reading this node depends on: a map's unit, else its file. */
export function unitOf(node: SNode): string {
  return node.kind === 'map' ? node.byKey.unit : node.file;
}

/**
 * Gives the maps under each item of a top-level list the item's unit. A node shared through an
 * alias keeps the unit of the item it is written in (anchors come before their aliases).
 */
export function assignListUnits(root: SNode | undefined): void {
  if (root?.kind !== 'seq') return;
  root.items.forEach((item, i) => {
    const unit = listItemUnit(root.file, i);
    const walk = (n: SNode, depth: number): void => {
      // A map given this unit already was reached through an alias: what is below it has it too.
      if (n.start < item.start || n.end > item.end || depth > 200 || (n.kind === 'map' && n.byKey.unit === unit)) return;
      if (n.kind === 'map') {
        n.byKey.unit = unit;
        for (const e of n.entries) walk(e.value, depth + 1);
      } else if (n.kind === 'seq') for (const x of n.items) walk(x, depth + 1);
    };
    walk(item, 0);
  });
}

/** Where reads of this node are noted: its own map's tracker, or the one its include was loaded with. */
export function trackingOf(node: SNode): Tracker | undefined {
  return node.kind === 'map' ? node.byKey.tracking : node.kind === 'include' ? node.tracking : undefined;
}

/**
 * A map's entries, for code that walks them: every key counts as read, so a computation that
 * iterates a map is re-run when any key of it changes. (`entries` itself is for the readers that build trees.)
 */
export function entriesOf(map: SMap): readonly SEntry[] {
  map.byKey.tracking?.noteAllKeys(map.byKey.unit);
  return map.entries;
}

/** Follows include nodes to the value they load. */
export function deref(node: SNode | undefined): SMap | SSeq | SScalar | undefined {
  let n = node;
  if (n?.kind !== 'include') return n;
  const tracking = n.tracking;
  for (let guard = 0; n && n.kind === 'include' && guard < 1000; guard++) n = n.target;
  // Crossing into another file: what is read there depends on that file.
  if (n) tracking?.noteFile(unitOf(n));
  return n && n.kind !== 'include' ? n : undefined;
}

export function get(node: SNode | undefined, key: string): SNode | undefined {
  const m = deref(node);
  return m?.kind === 'map' ? m.byKey.get(key)?.value : undefined;
}

export function entryOf(node: SNode | undefined, key: string): SEntry | undefined {
  const m = deref(node);
  return m?.kind === 'map' ? m.byKey.get(key) : undefined;
}

export function scalar(node: SNode | undefined): ScalarValue | undefined {
  const n = deref(node);
  return n?.kind === 'scalar' ? n.value : undefined;
}

export function str(node: SNode | undefined): string | undefined {
  const v = scalar(node);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function items(node: SNode | undefined): SNode[] {
  const n = deref(node);
  return n?.kind === 'seq' ? n.items : [];
}

export function pathGet(node: SNode | undefined, path: (string | number)[]): SNode | undefined {
  let n: SNode | undefined = node;
  for (const p of path) {
    const d = deref(n);
    if (!d) return undefined;
    if (typeof p === 'number') n = d.kind === 'seq' ? d.items[p] : undefined;
    else n = d.kind === 'map' ? d.byKey.get(p)?.value : undefined;
  }
  return n;
}

/** Plain JavaScript value of a node (includes followed). Nodes in `stub` read as `{}`. */
export function toJS(node: SNode | undefined, stub?: ReadonlySet<SNode>, depth = 0, tracking = node && trackingOf(node)): unknown {
  const n = node?.kind === 'include' ? deref(node) : node;
  if (!n || depth > 500) return null;
  // Every key below is read; a list or value below a map counts under that map's tracker.
  const into = (n.kind === 'map' ? n.byKey.tracking : undefined) ?? tracking;
  into?.noteAllKeys(unitOf(n));
  if (n.kind === 'scalar') return n.value;
  if (stub?.has(n)) return {};
  // A failed include (no target) reads as absent, so it is not reported again as a wrong type.
  if (n.kind === 'seq') {
    const out: unknown[] = [];
    for (const i of n.items) if (i.kind !== 'include' || deref(i)) out.push(i.kind === 'scalar' ? i.value : toJS(i, stub, depth + 1, into));
    return out;
  }
  const o: Record<string, unknown> = {};
  for (const e of n.entries) {
    const v = e.value;
    if (v.kind === 'scalar') o[e.key] = v.value;
    else if (v.kind !== 'include' || deref(v)) o[e.key] = toJS(v, stub, depth + 1, into);
  }
  return o;
}
