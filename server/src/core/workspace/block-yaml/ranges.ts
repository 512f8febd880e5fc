/**
 * Where the `yaml` package ends node ranges, which the block reader reproduces: a scalar's range
 * runs over the rest of its line and over comment lines indented deeper than its collection; a
 * collection keeps the comment lines after its last item unless it sits at column 0 or all of them
 * are indented less than it; a null written as `key:` runs over the comments after it. These rules
 * follow the `yaml` parser's token handling; test/unit/block-yaml.test.ts holds them to it.
 */
import type { SMap, SNode, SSeq } from '../nodes';
import { BLANK, COMMENT, CONTENT, type Lines } from './lines';

/** Comment lines after a collection's last item that no collection has claimed yet. */
export interface Trail {
  /** Where they end: the first character of the next content line, or the end of the text. */
  end: number;
  /** The deepest indentation among them. */
  maxIndent: number;
}

/** One value read: its node, its weight (values it expands to), the end of its node range, the next content line. */
export interface Read {
  node: SNode;
  weight: number;
  end: number;
  next: number;
  trail: Trail | null;
}

/** Offset after line `n`, its line break included. */
export function lineStop(L: Lines, text: string, n: number): number {
  const e = L.end[n]!;
  return e >= text.length ? e : text.charCodeAt(e) === 13 ? e + 2 : e + 1;
}

/**
 * A collection ends at a line indented less than its items (or the end of the text). Comment
 * lines after its last item stay in it (and extend its range) unless it sits at column 0 or
 * every one of them is indented less than it; then they pass up to the parent.
 */
export function closeCollection(node: SMap | SSeq, weight: number, lastEnd: number, trail: Trail | null, indent: number, next: number): Read {
  if (trail && indent !== 0 && trail.maxIndent >= indent) {
    node.end = trail.end;
    return { node, weight, end: node.end, next, trail: null };
  }
  node.end = lastEnd;
  return { node, weight, end: lastEnd, next, trail };
}

/**
 * Where `yaml` ends the range of a null written as `key:` with nothing after it. Comments after
 * the key stay with the null (its range then runs over them) up to the second line break after
 * the last comment indented deeper than the map; when the next key follows at the map's column,
 * what comes after that line break goes to that key instead.
 */
export function emptyValueEnd(L: Lines, text: string, line: number, k: number, indent: number, keyLineComment: boolean, emptyAt: number): number {
  const nextItem = k < L.count && L.indent[k] === indent;
  let stop = k < L.count ? L.start[k]! + L.indent[k]! : text.length;
  let breaks = 0;
  let splitLine = -1;
  for (let j = line; j < k; j++) {
    if (j > line && L.kind[j] === COMMENT && L.indent[j]! > indent) {
      breaks = 0;
      splitLine = -1;
    }
    if (L.end[j]! < text.length && ++breaks === 2) splitLine = j;
  }
  let last = k;
  if (nextItem && splitLine >= 0) {
    stop = L.end[splitLine]!;
    last = splitLine + 1;
  }
  let commented = keyLineComment;
  for (let j = line + 1; j < last && !commented; j++) if (L.kind[j] === COMMENT) commented = true;
  return commented ? stop : emptyAt;
}

/**
 * After a value that ends its line: comment lines indented deeper than its collection join the
 * value's range (blank lines between them too); comments after those are the trail.
 */
export function valueOnLine(L: Lines, text: string, node: SNode, weight: number, line: number, indent: number): Read {
  let end = lineStop(L, text, line);
  let from = line + 1;
  for (let j = from; j < L.count; j++) {
    const kind = L.kind[j];
    if (kind === BLANK) continue;
    if (kind !== COMMENT || L.indent[j]! <= indent) break;
    end = lineStop(L, text, j);
    from = j + 1;
  }
  let maxIndent = -1;
  let j = from;
  for (; j < L.count && L.kind[j] !== CONTENT; j++) if (L.kind[j] === COMMENT && L.indent[j]! > maxIndent) maxIndent = L.indent[j]!;
  const trail = maxIndent >= 0 ? { end: j < L.count ? L.start[j]! + L.indent[j]! : text.length, maxIndent } : null;
  return { node, weight, end, next: j, trail };
}
