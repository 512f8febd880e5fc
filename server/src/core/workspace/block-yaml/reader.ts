/**
 * A fast reader for the block YAML that topology files are written in: block maps and sequences,
 * one-line plain, quoted and flow values, comments, `!include` tags, anchors, aliases and merge
 * keys. It builds the same source-tracked tree as the `yaml` package path in parse-file.ts, with
 * the same node ranges (ranges.ts: where that parser ends a collection that trailing comments
 * follow). Any construct outside this subset (block scalars, multi-line scalars, other tags,
 * documents, tabs, syntax errors) throws `Unsupported`, and the caller parses the file with
 * `yaml` instead; test/unit/block-yaml.test.ts holds the two readers to the same output.
 */
import type { Finding } from '../../types';
import type { Tracker } from '../../tracking/tracker';
import { addEntry, applyMerges, emptyMap, holdsInclude, mergeSources } from '../map-entries';
import type { SEntry, SInclude, SNode, SSeq, SScalar } from '../nodes';
import { isNameChar, readFlow, type FlowHost } from './flow';
import { CONTENT, scanLines, type Lines } from './lines';
import { closeCollection, emptyValueEnd, lineStop, valueOnLine, type Read } from './ranges';
import { readQuoted, resolvePlain, unsupported } from './scalars';

interface Key {
  key: string;
  merge: boolean;
  start: number;
  end: number;
  /** Offset after the `:`. */
  after: number;
}

const MAX_DEPTH = 200;

export interface BlockReadResult {
  root: SNode | undefined;
  findings: Finding[];
  includes: SInclude[];
}

/** Reads a block-YAML text; throws `Unsupported` where the full parser must. */
export function readBlockYaml(file: string, text: string, maxExpanded: number, tracking?: Tracker): BlockReadResult {
  const reader = new BlockReader(file, text, scanLines(text), maxExpanded, tracking);
  const root = reader.document();
  return { root, findings: reader.findings, includes: reader.includes };
}

class BlockReader implements FlowHost {
  readonly findings: Finding[] = [];
  readonly includes: SInclude[] = [];
  private readonly anchors = new Map<string, { node: SNode; weight: number }>();
  /** Anchors whose node is still being read: an alias to one would be recursive. */
  private readonly open = new Set<string>();
  private expanded = 0;
  private depth = 0;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly lines: Lines,
    private readonly maxExpanded: number,
    readonly tracking: Tracker | undefined,
  ) {}

  document(): SNode | undefined {
    const L = this.lines;
    const first = this.nextContent(0);
    if (first >= L.count) return undefined;
    const at = L.start[first]! + L.indent[first]!;
    const c = this.text.charCodeAt(at);
    if (c === 91 || c === 123) {
      if (L.indent[first] !== 0) unsupported('indented flow root');
      return this.rootFlow(first, at);
    }
    const root = this.collection(first, at);
    if (root.next < L.count) unsupported('content after the root collection');
    return root.node;
  }

  /** A document that is one flow collection (`{}` for an empty layer, say): its range ends with its line. */
  private rootFlow(line: number, at: number): SNode {
    const lineEnd = this.lines.end[line]!;
    const r = readFlow(this, at, lineEnd);
    this.onlyComment(r.close, lineEnd);
    if (this.nextContent(line + 1) < this.lines.count) unsupported('content after the root collection');
    r.node.end = lineStop(this.lines, this.text, line);
    return r.node;
  }

  /** Only spaces and a comment may follow a value on its line. */
  private onlyComment(stop: number, lineEnd: number): void {
    const t = this.text;
    let q = stop;
    while (q < lineEnd && t.charCodeAt(q) === 32) q++;
    if (q < lineEnd && (t.charCodeAt(q) !== 35 || q === stop)) unsupported('text after a value');
  }

  private nextContent(from: number): number {
    const L = this.lines;
    while (from < L.count && L.kind[from] !== CONTENT) from++;
    return from;
  }

  private isSeqItem(at: number, lineEnd: number): boolean {
    return this.text.charCodeAt(at) === 45 && (at + 1 === lineEnd || this.text.charCodeAt(at + 1) === 32);
  }

  private collection(line: number, at: number): Read {
    if (++this.depth > MAX_DEPTH) unsupported('deep nesting');
    const r = this.isSeqItem(at, this.lines.end[line]!) ? this.seq(line, at) : this.map(line, at);
    this.depth--;
    return r;
  }

  private map(line: number, at: number): Read {
    const L = this.lines;
    const indent = at - L.start[line]!;
    const map = emptyMap(this.file, at, at, this.tracking);
    const merged: SEntry[] = [];
    let weight = 1;
    for (let i = line, col = at; ; ) {
      const key = this.key(i, col) ?? unsupported('not a key');
      const v = this.valueAfterKey(i, key.after, indent);
      weight += v.weight;
      if (holdsInclude(v.node)) map.hasInclude = true;
      if (key.merge) mergeSources(v.node, merged);
      else {
        addEntry(map, { key: key.key, keyStart: key.start, keyEnd: key.end, value: v.node }, this.findings);
      }
      const k = v.next;
      if (k < L.count && L.indent[k] === indent) {
        i = k;
        col = L.start[k]! + indent;
        if (this.isSeqItem(col, L.end[k]!)) unsupported('sequence item where a key belongs');
        continue;
      }
      if (k < L.count && L.indent[k]! > indent) unsupported('line indented deeper than its map');
      applyMerges(map, merged);
      return closeCollection(map, weight, v.end, v.trail, indent, k);
    }
  }

  private seq(line: number, at: number): Read {
    const L = this.lines;
    const t = this.text;
    const indent = at - L.start[line]!;
    const seq: SSeq = { kind: 'seq', items: [], file: this.file, start: at, end: at, hasInclude: false };
    let weight = 1;
    for (let i = line, col = at; ; ) {
      const lineEnd = L.end[i]!;
      let p = col + 1;
      while (p < lineEnd && t.charCodeAt(p) === 32) p++;
      if (p === lineEnd || t.charCodeAt(p) === 35) unsupported('sequence item with its value on later lines');
      if (this.isSeqItem(p, lineEnd)) unsupported('sequence in a sequence item');
      const v = this.key(i, p) ? this.collection(i, p) : this.inlineValue(i, p, indent, false);
      seq.items.push(v.node);
      weight += v.weight;
      if (holdsInclude(v.node)) seq.hasInclude = true;
      const k = v.next;
      if (k < L.count && L.indent[k] === indent && this.isSeqItem(L.start[k]! + indent, L.end[k]!)) {
        i = k;
        col = L.start[k]! + indent;
        continue;
      }
      if (k < L.count && L.indent[k]! > indent) unsupported('line indented deeper than its sequence');
      return closeCollection(seq, weight, v.end, v.trail, indent, k);
    }
  }

  /** The key at `at` (`key:` followed by a space or the line's end), or undefined when the text there is no key. */
  private key(line: number, at: number): Key | undefined {
    const t = this.text;
    const lineEnd = this.lines.end[line]!;
    const c = t.charCodeAt(at);
    if (c === 34 || c === 39) {
      const q = readQuoted(t, at, lineEnd);
      if (t.charCodeAt(q.end) !== 58) return undefined;
      if (q.end + 1 < lineEnd && t.charCodeAt(q.end + 1) !== 32) unsupported('quoted key without a space after the colon');
      return { key: q.value, merge: false, start: at, end: q.end, after: q.end + 1 };
    }
    if (isIndicator(c)) return undefined;
    // The string searches run natively, which matters while the reader itself is not yet optimised.
    const rest = t.slice(at, lineEnd);
    let colon = rest.indexOf(': ');
    if (colon < 0) colon = rest.endsWith(':') ? rest.length - 1 : -1;
    if (colon < 0) return undefined;
    const hash = rest.indexOf(' #');
    if (hash >= 0 && hash < colon) return undefined;
    const i = at + colon;
    if (t.charCodeAt(i - 1) === 32) unsupported('space before a key colon');
    if (colon > 1000) unsupported('long key');
    const raw = rest.slice(0, colon);
    if (raw === '<<') return { key: raw, merge: true, start: at, end: i, after: i + 1 };
    return { key: String(resolvePlain(raw)), merge: false, start: at, end: i, after: i + 1 };
  }

  /** The value after `key:`: on the same line, or a collection on the lines below. */
  private valueAfterKey(line: number, after: number, indent: number): Read {
    const t = this.text;
    const lineEnd = this.lines.end[line]!;
    let p = after;
    while (p < lineEnd && t.charCodeAt(p) === 32) p++;
    if (p === lineEnd || t.charCodeAt(p) === 35) return this.blockValue(line, indent, p, p < lineEnd, undefined);
    return this.inlineValue(line, p, indent, true);
  }

  /**
   * A value on the lines after `line`: a collection indented deeper (or a sequence at the key's
   * own column), else null at `emptyAt`.
   */
  private blockValue(line: number, indent: number, emptyAt: number, comment: boolean, anchor: string | undefined): Read {
    const L = this.lines;
    const k = this.nextContent(line + 1);
    if (k < L.count) {
      const c = L.indent[k]!;
      const at = L.start[k]! + c;
      if (c > indent || (c === indent && this.isSeqItem(at, L.end[k]!))) {
        return anchor === undefined ? this.collection(k, at) : this.anchored(anchor, () => this.collection(k, at));
      }
    }
    if (anchor !== undefined) unsupported('empty value with an anchor');
    const node: SScalar = { kind: 'scalar', value: null, file: this.file, start: emptyAt, end: emptyAt, quoted: false };
    return { node, weight: 1, end: emptyValueEnd(this.lines, this.text, line, k, indent, comment, emptyAt), next: k, trail: null };
  }

  /** A value that starts at `p` on `line`; `indent` is the column of the collection it is an item of. */
  private inlineValue(line: number, p: number, indent: number, inMap: boolean): Read {
    const t = this.text;
    const lineEnd = this.lines.end[line]!;
    const c = t.charCodeAt(p);
    if (c === 38) {
      let e = p + 1;
      while (e < lineEnd && isNameChar(t.charCodeAt(e))) e++;
      const name = t.slice(p + 1, e);
      if (name === '' || (e < lineEnd && t.charCodeAt(e) !== 32)) unsupported('anchor name');
      let q = e;
      while (q < lineEnd && t.charCodeAt(q) === 32) q++;
      if (q === lineEnd || t.charCodeAt(q) === 35) {
        if (!inMap || q < lineEnd) unsupported('anchored block value');
        return this.blockValue(line, indent, q, false, name);
      }
      const tc = t.charCodeAt(q);
      if (tc === 38 || tc === 42) unsupported('anchor on an alias or anchor');
      return this.anchored(name, () => this.inlineValue(line, q, indent, inMap));
    }
    let node: SNode;
    let weight = 1;
    let stop: number;
    if (c === 42) {
      stop = p + 1;
      while (stop < lineEnd && isNameChar(t.charCodeAt(stop))) stop++;
      ({ node, weight } = this.alias(t.slice(p + 1, stop)));
    } else if (c === 33) {
      const dir = t.startsWith('!include_dir_sorted ', p);
      if (!dir && !t.startsWith('!include ', p)) unsupported('tag');
      let s = p + (dir ? 20 : 9);
      while (s < lineEnd && t.charCodeAt(s) === 32) s++;
      const path = this.scalarAt(s, lineEnd, true);
      if (typeof path.value !== 'string' || path.value.trim() === '') unsupported('include without a path');
      const tagStart = t.lastIndexOf('!', path.start);
      const inc: SInclude = { kind: 'include', dir, path: path.value.trim(), file: this.file, start: path.start, end: path.end, tagStart: tagStart >= 0 ? tagStart : path.start };
      this.includes.push(inc);
      node = inc;
      stop = path.end;
    } else if (c === 91 || c === 123) {
      const r = readFlow(this, p, lineEnd);
      ({ node, weight } = r);
      stop = r.close;
    } else {
      const s = this.scalarAt(p, lineEnd, false);
      node = s;
      stop = s.end;
    }
    this.onlyComment(stop, lineEnd);
    const read = valueOnLine(this.lines, this.text, node, weight, line, indent);
    // A flow collection's range, unlike a scalar's, runs on over what follows it.
    if (c === 91 || c === 123) node.end = read.end;
    return read;
  }

  /** A plain or quoted scalar on one line (`raw`: the plain text as it is, for tag values). */
  private scalarAt(p: number, lineEnd: number, raw: boolean): SScalar {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const q = readQuoted(t, p, lineEnd);
      return { kind: 'scalar', value: q.value, file: this.file, start: p, end: q.end, quoted: true };
    }
    if (p >= lineEnd) unsupported('missing value');
    // `-5` and `-x` are plain scalars; every other indicator starts something else.
    if (isIndicator(c) && !(c === 45 && p + 1 < lineEnd && t.charCodeAt(p + 1) !== 32)) unsupported('value starts with an indicator');
    let rest = t.slice(p, lineEnd);
    const hash = rest.indexOf(' #');
    if (hash >= 0) rest = rest.slice(0, hash);
    let len = rest.length;
    while (len > 0 && rest.charCodeAt(len - 1) === 32) len--;
    const text = len === rest.length ? rest : rest.slice(0, len);
    if (text.includes(': ') || text.endsWith(':')) unsupported('mapping in a plain value');
    const last = p + len;
    return { kind: 'scalar', value: raw ? text : resolvePlain(text), file: this.file, start: p, end: last, quoted: false };
  }

  private anchored(name: string, read: () => Read): Read {
    if (this.open.has(name)) unsupported('anchor inside its own value');
    this.open.add(name);
    const r = read();
    this.open.delete(name);
    this.anchors.set(name, { node: r.node, weight: r.weight });
    return r;
  }

  alias(name: string): { node: SNode; weight: number } {
    const target = this.anchors.get(name);
    if (!target || this.open.has(name)) unsupported('unknown or recursive alias');
    this.expanded += target.weight;
    if (this.expanded > this.maxExpanded) unsupported('alias expansion limit');
    return target;
  }
}

/** Characters that cannot start a plain scalar here (YAML indicators). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 45: // -
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return true;
    default:
      return false;
  }
}
