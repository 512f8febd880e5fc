import { listItemUnit, type SNode } from '../workspace/nodes';
import { shiftEnd, shiftStart, type TextShift } from './text-shift';

export interface TreeDiff {
  /** Keys on the path to every difference (a changed `networks[0].ip` gives `networks` and `ip`). */
  keys: Set<string>;
  /**
   * A difference no key names (the file's top-level list grew), an include changed, a node that
   * did not move with the text (a duplicated line taken for the original), or trees too large to compare.
   */
  structural: boolean;
  /** A difference lies outside every node of `within` (for the schema: outside the top-level entities). */
  outside: boolean;
  /** In a file whose top level is a list: the units (`listItemUnit`) of the items with a difference. */
  units: Set<string>;
}

/** Nodes compared at the most before a file counts as changed everywhere (aliases can expand a lot). */
const MAX_VISITS = 200_000;

/**
 * Compares two trees of one file by value. Include tags are compared by what they name; what they
 * load belongs to other files and is compared there. Positions must agree with the text shift, so
 * that findings carried over by it land on the node they were about.
 */
export function diffTrees(before: SNode | undefined, after: SNode | undefined, shift: TextShift, within: ReadonlySet<SNode> = new Set()): TreeDiff {
  const out: TreeDiff = { keys: new Set(), structural: false, outside: false, units: new Set() };
  let depthInside = 0;
  /** The unit of the top-level list item being compared. */
  let unit: string | undefined;
  const path: string[] = [];
  let visits = 0;
  /** The old span maps to another place than where the new node is. */
  const moved = (oldStart: number, oldEnd: number, start: number, end: number): boolean => {
    const s = shiftStart(shift, oldStart);
    const e = shiftEnd(shift, oldEnd);
    return (s !== undefined && s !== start) || (e !== undefined && e !== end);
  };
  const mark = (extra?: Iterable<string>): void => {
    if (unit !== undefined) out.units.add(unit);
    if (depthInside === 0) out.outside = true;
    if (path.length === 0 && !extra) out.structural = true;
    for (const k of path) out.keys.add(k);
    if (extra) for (const k of extra) out.keys.add(k);
  };
  const walk = (a: SNode | undefined, b: SNode | undefined): void => {
    if (a === b || out.structural) return;
    if (a && within.has(a)) {
      depthInside++;
      compare(a, b);
      depthInside--;
    } else compare(a, b);
  };
  const compare = (a: SNode | undefined, b: SNode | undefined): void => {
    if (++visits > MAX_VISITS) {
      out.structural = true;
      return;
    }
    if (!a || !b || a.kind !== b.kind) {
      mark();
      return;
    }
    // A changed value is re-read by every rule that reads its key, wherever the edit began in it.
    if (a.kind === 'scalar' && b.kind === 'scalar' && (a.value !== b.value || a.quoted !== b.quoted)) {
      mark();
      return;
    }
    if (moved(a.start, a.end, b.start, b.end)) {
      out.structural = true;
      return;
    }
    if (a.kind === 'scalar') return;
    if (a.kind === 'include' && b.kind === 'include') {
      if (a.path !== b.path || a.dir !== b.dir) out.structural = true;
      return;
    }
    if (a.kind === 'seq' && b.kind === 'seq') {
      if (a.items.length !== b.items.length) {
        mark();
        return;
      }
      const top = a === before;
      for (let i = 0; i < a.items.length; i++) {
        if (top) unit = listItemUnit(a.file, i);
        walk(a.items[i], b.items[i]);
      }
      if (top) unit = undefined;
      return;
    }
    if (a.kind === 'map' && b.kind === 'map') {
      const ea = a.entries;
      const eb = b.entries;
      let sameKeys = ea.length === eb.length;
      for (let i = 0; sameKeys && i < ea.length; i++) sameKeys = ea[i]!.key === eb[i]!.key;
      if (!sameKeys) {
        // Keys added, removed or reordered: every key of both counts as changed.
        const keys = [...ea.map((e) => e.key), ...eb.map((e) => e.key)];
        if (path.length === 0 && keys.length === 0) out.structural = true;
        else mark(keys);
        return;
      }
      for (let i = 0; i < ea.length; i++) {
        if (moved(ea[i]!.keyStart, ea[i]!.keyEnd, eb[i]!.keyStart, eb[i]!.keyEnd)) {
          out.structural = true;
          return;
        }
        path.push(ea[i]!.key);
        walk(ea[i]!.value, eb[i]!.value);
        path.pop();
      }
    }
  };
  walk(before, after);
  return out;
}
