import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YNode } from 'yaml';
import type { Finding } from '../types';
import type { Tracker } from '../tracking/tracker';
import { readBlockYaml } from './block-yaml/reader';
import { addEntry, applyMerges, emptyMap, holdsInclude, mergeSources } from './map-entries';
import { claimOpening, unclosedFlows, type UnclosedFlow } from './unclosed-flow';
import { assignListUnits, type SEntry, type SInclude, type SMap, type SNode, type SSeq, type SScalar } from './nodes';

/** Expanded nodes one file may produce through aliases before the rest is refused (alias bombs). */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface ParsedFile {
  path: string;
  text: string;
  root: SNode | undefined;
  /** yaml-syntax, yaml-duplicate-key, yaml-alias-limit, include-invalid (bad include tag use). */
  findings: Finding[];
  includes: SInclude[];
  hasSyntaxError: boolean;
  /** The tree is the file's last good one (its current text has syntax errors). */
  lastGood?: boolean;
}

const INCLUDE_TAGS = [
  { tag: '!include', resolve: (s: string) => s },
  { tag: '!include_dir_sorted', resolve: (s: string) => s },
];

/** Parses one YAML file into a source-tracked tree. Never throws. */
export function parseYamlFile(path: string, text: string, tracking?: Tracker): ParsedFile {
  const parsed = parseTree(path, text, tracking);
  if (tracking) assignListUnits(parsed.root);
  return parsed;
}

function parseTree(path: string, text: string, tracking?: Tracker): ParsedFile {
  // Most topology files are plain block YAML, which the block reader builds several times faster.
  try {
    const r = readBlockYaml(path, text, MAX_EXPANDED_NODES, tracking);
    return { path, text, root: r.root, findings: r.findings, includes: r.includes, hasSyntaxError: false };
  } catch {
    // Unsupported: a construct only the full parser reads (or a syntax error it will word).
  }
  return parseWithYaml(path, text, tracking);
}

/** The full parser (the `yaml` package): every construct, and its messages for syntax errors. */
export function parseWithYaml(path: string, text: string, tracking?: Tracker): ParsedFile {
  const findings: Finding[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      customTags: INCLUDE_TAGS,
      uniqueKeys: false,
      merge: true,
      prettyErrors: false,
      keepSourceTokens: false,
    });
  } catch (err) {
    findings.push({ rule: 'yaml-syntax', span: { file: path, start: 0, end: 0 }, message: `YAML parser failed: ${String(err)}` });
    return { path, text, root: undefined, findings, includes: [], hasSyntaxError: true };
  }
  const unclosed = unclosedFlows(doc, text);
  const claimed = new Set<UnclosedFlow>();
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    const message = `YAML syntax error: ${firstLine(e.message)}`;
    const opening = claimOpening(firstLine(e.message), start, unclosed, claimed);
    if (opening) {
      findings.push({
        rule: 'yaml-syntax',
        span: { file: path, start: opening.open, end: opening.open + 1 },
        message,
        related: [{ span: noticedAt(text, path, start, end), message: 'The parser noticed the missing bracket here.' }],
      });
      continue;
    }
    findings.push({ rule: 'yaml-syntax', span: noticedAt(text, path, start, end), message });
  }
  const conv = new Converter(path, text, findings, doc, tracking);
  let root: SNode | undefined;
  try {
    root = doc.contents ? conv.node(doc.contents as YNode) : undefined;
  } catch (err) {
    // Only a pathologically deep document gets here (stack exhausted): report it, keep the rest of the workspace.
    findings.push({
      rule: 'yaml-syntax',
      span: { file: path, start: 0, end: Math.min(1, text.length) },
      message: `The document is nested too deeply to load (${err instanceof RangeError ? 'stack exhausted' : String(err)}).`,
    });
    return { path, text, root: undefined, findings, includes: [], hasSyntaxError: true };
  }
  return { path, text, root, findings, includes: conv.includes, hasSyntaxError: doc.errors.length > 0 };
}

/** Where the parser reports an error; at the end of the file, the last character (the unfinished construct). */
function noticedAt(text: string, path: string, start: number, end: number): Finding['span'] {
  const last = text.trimEnd().length;
  if (start >= last) {
    start = Math.max(0, last - 1);
    end = start + 1;
  }
  return { file: path, start, end: Math.max(end, start + 1) };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Converts a `yaml` document into the source-tracked tree (also used for multi-document manifests). */
export class Converter {
  readonly includes: SInclude[] = [];
  private readonly done = new Map<YNode, SNode>();
  private readonly inProgress = new Set<YNode>();
  private readonly weight = new WeakMap<SNode, number>();
  private expanded = 0;
  private overLimit = false;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly findings: Finding[],
    private readonly doc: Document.Parsed,
    private readonly tracking?: Tracker,
  ) {}

  node(n: YNode | null | undefined): SNode {
    if (!n) return this.nullAt(0, 0);
    if (isAlias(n)) return this.alias(n);
    const hit = this.done.get(n);
    if (hit) return hit;
    this.inProgress.add(n);
    const out = this.convert(n);
    this.inProgress.delete(n);
    this.done.set(n, out);
    return out;
  }

  private convert(n: YNode): SNode {
    const [start, , end] = n.range ?? [0, 0, 0];
    const tag = (n as { tag?: string }).tag;
    if (tag === '!include' || tag === '!include_dir_sorted') {
      if (isScalar(n) && typeof n.value === 'string' && n.value.trim() !== '') {
        const tagStart = this.text.lastIndexOf('!', start);
        const inc: SInclude = {
          kind: 'include',
          dir: tag === '!include_dir_sorted',
          path: n.value.trim(),
          file: this.file,
          start: n.range![0],
          end: n.range![1],
          tagStart: tagStart >= 0 ? tagStart : start,
        };
        this.includes.push(inc);
        this.weight.set(inc, 1);
        return inc;
      }
      const tagStart = this.text.lastIndexOf('!', start);
      this.findings.push({
        rule: 'include-invalid',
        span: { file: this.file, start: tagStart >= 0 ? tagStart : start, end: Math.max(end, start + 1, tagStart + tag.length) },
        message: `${tag} needs a path: write \`${tag} relative/path\`.`,
      });
      // An include that loads nothing: the key reads as absent, like any failed include.
      return { kind: 'include', dir: tag === '!include_dir_sorted', path: '', file: this.file, start, end, tagStart: tagStart >= 0 ? tagStart : start };
    }
    if (isScalar(n)) {
      let v = n.value;
      if (typeof v === 'bigint') v = Number(v);
      const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      const s: SScalar = { kind: 'scalar', value, file: this.file, start: n.range![0], end: n.range![1], quoted: n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' };
      this.weight.set(s, 1);
      return s;
    }
    if (isSeq(n)) {
      const seq: SSeq = { kind: 'seq', items: [], file: this.file, start, end, hasInclude: false };
      let w = 1;
      for (const item of n.items) {
        const c = this.node(item as YNode);
        seq.items.push(c);
        w += this.weight.get(c) ?? 1;
        if (holdsInclude(c)) seq.hasInclude = true;
      }
      this.weight.set(seq, w);
      return seq;
    }
    if (isMap(n)) return this.map(n, start, end);
    return this.nullAt(start, end);
  }

  private map(n: YNode & { items: unknown[] }, start: number, end: number): SMap {
    const map = emptyMap(this.file, start, end, this.tracking);
    const merged: SEntry[] = [];
    let w = 1;
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      const value = this.node(pair.value as YNode | null);
      w += this.weight.get(value) ?? 1;
      if (holdsInclude(value)) map.hasInclude = true;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        mergeSources(value, merged);
        continue;
      }
      const [ks, ke] = keyNode?.range ?? [value.start, value.start];
      const key = isScalar(keyNode) ? String(keyNode.value) : this.text.slice(ks, ke);
      addEntry(map, { key, keyStart: ks, keyEnd: ke, value }, this.findings);
    }
    applyMerges(map, merged);
    this.weight.set(map, w);
    return map;
  }

  private alias(a: YNode & { source: string }): SNode {
    const [start, end] = a.range ?? [0, 0];
    const target = (a as unknown as { resolve(doc: Document.Parsed): YNode | undefined }).resolve(this.doc);
    if (!target) {
      this.findings.push({
        rule: 'yaml-syntax',
        span: { file: this.file, start, end },
        message: `Unknown alias *${a.source}: no anchor &${a.source} precedes it in this file (anchors are scoped to one file).`,
      });
      return this.nullAt(start, end);
    }
    if (this.inProgress.has(target)) {
      this.findings.push({ rule: 'yaml-alias-limit', span: { file: this.file, start, end }, message: `Alias *${a.source} refers to a node that contains it; a recursive value cannot be loaded.` });
      return this.nullAt(start, end);
    }
    const value = this.node(target);
    const w = this.weight.get(value) ?? 1;
    this.expanded += w;
    if (this.expanded > MAX_EXPANDED_NODES) {
      // One finding per file: every later alias is refused too, silently.
      if (this.overLimit) return this.nullAt(start, end);
      this.overLimit = true;
      this.findings.push({
        rule: 'yaml-alias-limit',
        span: { file: this.file, start, end },
        message: `Alias *${a.source} would expand this file beyond ${MAX_EXPANDED_NODES.toLocaleString('en')} values (an alias bomb); it is not loaded.`,
      });
      return this.nullAt(start, end);
    }
    return value;
  }

  private nullAt(start: number, end: number): SScalar {
    const s: SScalar = { kind: 'scalar', value: null, file: this.file, start, end, quoted: false };
    this.weight.set(s, 1);
    return s;
  }
}
