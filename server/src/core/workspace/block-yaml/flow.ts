/**
 * Flow collections that open and close on one line (`[a, b]`, `{a: 1}`, `[*x, *y]`), the form
 * topology files use for short lists. Multi-line flow, empty entries and anchors inside go to
 * the full parser.
 */
import type { Tracker } from '../../tracking/tracker';
import type { Finding } from '../../types';
import { addEntry, applyMerges, emptyMap, holdsInclude, mergeSources } from '../map-entries';
import type { SEntry, SNode, SSeq } from '../nodes';
import { readQuoted, resolvePlain, unsupported } from './scalars';

export interface FlowHost {
  readonly file: string;
  readonly text: string;
  /** Where the maps read note their reads. */
  readonly tracking: Tracker | undefined;
  readonly findings: Finding[];
  /** The node an alias names, with its weight (aliases count towards the expansion limit). */
  alias(name: string): { node: SNode; weight: number };
}

export interface FlowResult {
  node: SNode;
  weight: number;
  /** Offset after the closing bracket. */
  close: number;
}

const isFlowStop = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125; // , [ ] { }

export function readFlow(host: FlowHost, at: number, lineEnd: number, depth = 0): FlowResult {
  if (depth > 50) unsupported('deep flow nesting');
  return host.text.charCodeAt(at) === 91 ? readFlowSeq(host, at, lineEnd, depth) : readFlowMap(host, at, lineEnd, depth);
}

function skipSpaces(text: string, i: number, lineEnd: number): number {
  while (i < lineEnd && text.charCodeAt(i) === 32) i++;
  return i;
}

function readFlowSeq(host: FlowHost, at: number, lineEnd: number, depth: number): FlowResult {
  const { text } = host;
  const seq: SSeq = { kind: 'seq', items: [], file: host.file, start: at, end: at, hasInclude: false };
  let weight = 1;
  let i = skipSpaces(text, at + 1, lineEnd);
  while (text.charCodeAt(i) !== 93) {
    if (i >= lineEnd) unsupported('flow sequence not closed on its line');
    const item = readFlowItem(host, i, lineEnd, depth, 93);
    if (item.key) unsupported('pair in a flow sequence');
    seq.items.push(item.node);
    weight += item.weight;
    if (holdsInclude(item.node)) seq.hasInclude = true;
    i = afterItem(text, item.after, lineEnd, 93);
  }
  seq.end = i + 1;
  return { node: seq, weight, close: i + 1 };
}

function readFlowMap(host: FlowHost, at: number, lineEnd: number, depth: number): FlowResult {
  const { text } = host;
  const map = emptyMap(host.file, at, at, host.tracking);
  const merged: SEntry[] = [];
  let weight = 1;
  let i = skipSpaces(text, at + 1, lineEnd);
  while (text.charCodeAt(i) !== 125) {
    if (i >= lineEnd) unsupported('flow map not closed on its line');
    const key = readFlowItem(host, i, lineEnd, depth, 125);
    if (!key.key || key.node.kind !== 'scalar') unsupported('flow map entry without a plain key');
    const v = skipSpaces(text, key.after + 1, lineEnd);
    const value = readFlowItem(host, v, lineEnd, depth, 125);
    if (value.key) unsupported('nested pair');
    weight += value.weight;
    if (holdsInclude(value.node)) map.hasInclude = true;
    if (key.merge) mergeSources(value.node, merged);
    else {
      addEntry(map, { key: String(key.node.value), keyStart: key.node.start, keyEnd: key.node.end, value: value.node }, host.findings);
    }
    i = afterItem(text, value.after, lineEnd, 125);
  }
  applyMerges(map, merged);
  map.end = i + 1;
  return { node: map, weight, close: i + 1 };
}

/** After an item: `, ` (a trailing comma before the bracket is allowed) or the closing bracket. */
function afterItem(text: string, i: number, lineEnd: number, close: number): number {
  i = skipSpaces(text, i, lineEnd);
  const c = text.charCodeAt(i);
  if (c === close) return i;
  if (c !== 44) unsupported('flow item not followed by a comma');
  i = skipSpaces(text, i + 1, lineEnd);
  if (text.charCodeAt(i) === 44) unsupported('empty flow item');
  return i;
}

interface FlowItem {
  node: SNode;
  weight: number;
  /** Offset after the item (for a key: of its `:`). */
  after: number;
  /** Followed by `:`: a key. */
  key: boolean;
  merge: boolean;
}

function readFlowItem(host: FlowHost, i: number, lineEnd: number, depth: number, close: number): FlowItem {
  const { text, file } = host;
  const c = text.charCodeAt(i);
  let node: SNode;
  let weight = 1;
  let end: number;
  let merge = false;
  if (c === 91 || c === 123) {
    const r = readFlow(host, i, lineEnd, depth + 1);
    ({ node, weight } = r);
    end = r.close;
    // A nested collection's range runs on over the spaces after its bracket, as `yaml` has it.
    node.end = skipSpaces(text, end, lineEnd);
  } else if (c === 34 || c === 39) {
    const q = readQuoted(text, i, lineEnd);
    node = { kind: 'scalar', value: q.value, file, start: i, end: q.end, quoted: true };
    end = q.end;
  } else if (c === 42) {
    end = i + 1;
    while (end < lineEnd && isNameChar(text.charCodeAt(end))) end++;
    const name = text.slice(i + 1, end);
    if (name === '') unsupported('empty alias');
    ({ node, weight } = host.alias(name));
  } else {
    if (c === 35 || c === 38 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96 || c === 45 || c === 63 || c === 58 || isFlowStop(c)) {
      unsupported('flow item starts with an indicator');
    }
    end = i;
    let last = i;
    for (; end < lineEnd; end++) {
      const ch = text.charCodeAt(end);
      if (isFlowStop(ch)) break;
      if (ch === 58) {
        const n = text.charCodeAt(end + 1);
        if (end + 1 >= lineEnd || n === 32 || isFlowStop(n)) break;
      }
      if (ch === 35 && text.charCodeAt(end - 1) === 32) unsupported('comment inside a flow collection');
      if (ch !== 32) last = end + 1;
    }
    const raw = text.slice(i, last);
    merge = raw === '<<';
    node = { kind: 'scalar', value: merge ? raw : resolvePlain(raw), file, start: i, end: last, quoted: false };
    end = last;
  }
  const j = skipSpaces(text, end, lineEnd);
  const key = text.charCodeAt(j) === 58;
  if (key && j !== end) unsupported('space before a flow key colon');
  if (key && close !== 125) unsupported('pair in a flow sequence');
  return { node, weight, after: key ? j : end, key, merge: key && merge };
}

/** Characters of anchor and alias names the block reader accepts. */
export function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
}
