import type { Finding, Span } from '../types';
import type { SInclude, SNode, SSeq } from './nodes';
import type { ParsedFile } from './parse-file';
import { basename, isYamlFile, join, resolveRelative } from './paths';
import type { FileStat, DirEntry } from './file-system';

/** Deepest include chain followed; deeper includes are reported, not followed. */
export const MAX_INCLUDE_DEPTH = 2000;
const MAX_DIR_DEPTH = 64;

/** What assembly needs from the workspace: stat, listing, and a parsed file (or why not). */
export interface FileSource {
  stat(path: string): FileStat;
  readDirectory(path: string): DirEntry[];
  load(path: string): ParsedFile | { error: string };
}

export interface IncludeEdge {
  include: SInclude;
  /** Files the include loaded (one for !include, the sorted list for !include_dir_sorted), a file not valid YAML included. */
  targets: string[];
  /** The directory or file the tag names, resolved; undefined when it escapes the workspace. */
  resolved?: string;
}

export interface Assembly {
  root: SNode | undefined;
  /** Every file reached from the root, in load order. */
  files: string[];
  parsed: Map<string, ParsedFile>;
  edges: IncludeEdge[];
  findings: Finding[];
  /**
   * Includes that left a file unread (missing, unreadable, in a cycle, or not valid YAML), with the
   * span of the finding that says why: what the file would have held follows from that finding.
   */
  unloaded: Map<SInclude, Span[]>;
}

/** Loads the root file and follows its includes (docs/format.md#includes), reporting every problem at its tag. */
export function assemble(source: FileSource, rootPath: string): Assembly {
  const a = new Assembler(source);
  const root = a.visit(rootPath);
  return { root, files: a.files, parsed: a.parsed, edges: a.edges, findings: a.findings, unloaded: a.unloaded };
}

/**
 * A file whose text is not valid YAML, without a last good tree, contributes nothing: a tree read
 * past a syntax error can be anything (a list read as a map). Its first syntax error says why.
 * (Editor features still read that partial tree from `parsed`.)
 */
function brokenCause(pf: ParsedFile): Span | undefined {
  if (!pf.hasSyntaxError || pf.lastGood) return undefined;
  let first: Span | undefined;
  for (const f of pf.findings) if (f.rule === 'yaml-syntax' && (!first || f.span.start < first.start)) first = f.span;
  return first ?? { file: pf.path, start: 0, end: 0 };
}

const tagSpan = (inc: SInclude): Span => ({ file: inc.file, start: inc.tagStart, end: inc.end });

/** One assembly's state: what has been loaded, the include chain being followed, and what was found. */
class Assembler {
  readonly parsed = new Map<string, ParsedFile>();
  readonly findings: Finding[] = [];
  readonly edges: IncludeEdge[] = [];
  readonly files: string[] = [];
  readonly unloaded = new Map<SInclude, Span[]>();
  private readonly state = new Map<string, 'visiting' | 'done'>();
  private readonly stack: string[] = [];

  constructor(private readonly source: FileSource) {}

  /** Loads a file and follows its includes, once; its tree, or undefined when it has none to give. */
  visit(path: string): SNode | undefined {
    if (this.state.get(path) === 'done') return this.parsed.get(path)?.root;
    const pf = this.source.load(path);
    if ('error' in pf) return undefined;
    this.parsed.set(path, pf);
    this.files.push(path);
    this.state.set(path, 'visiting');
    const broken = brokenCause(pf) !== undefined;
    this.stack.push(path);
    if (!broken) for (const inc of pf.includes) this.resolve(inc);
    this.stack.pop();
    this.state.set(path, 'done');
    return broken ? undefined : pf.root;
  }

  private unread(inc: SInclude, cause: Span): void {
    const list = this.unloaded.get(inc);
    if (list) list.push(cause);
    else this.unloaded.set(inc, [cause]);
  }

  private report(rule: string, inc: SInclude, message: string, data?: Record<string, unknown>): void {
    this.findings.push({ rule, span: tagSpan(inc), message, ...(data ? { data } : {}) });
    this.unread(inc, tagSpan(inc));
  }

  /** Loads one file for an include; undefined (with a finding) when it cannot be. */
  private loadFor(inc: SInclude, path: string): { root: SNode | undefined; broken?: true } | undefined {
    if (this.state.get(path) === 'visiting') {
      const chain = [...this.stack.slice(this.stack.indexOf(path)), path].join(' → ');
      this.report('include-cycle', inc, `Include cycle: ${chain}. A file cannot include itself, directly or through others; remove one include of the chain.`, { chain });
      return undefined;
    }
    if (this.stack.length >= MAX_INCLUDE_DEPTH) {
      this.report('include-invalid', inc, `Include chain deeper than ${MAX_INCLUDE_DEPTH} files; \`${path}\` is not loaded.`);
      return undefined;
    }
    const pf = this.state.get(path) === 'done' ? this.parsed.get(path) : undefined;
    const loaded = pf ?? this.source.load(path);
    if ('error' in loaded) {
      this.report('include-invalid', inc, `Cannot include \`${path}\`: ${loaded.error}.`, { path });
      return undefined;
    }
    const root = pf ? (brokenCause(pf) ? undefined : pf.root) : this.visit(path);
    const broken = brokenCause(loaded);
    if (broken) {
      this.unread(inc, broken);
      return { root: undefined, broken: true };
    }
    return { root };
  }

  /** Follows one include tag: sets `inc.target` to what it loads, or reports why nothing was read. */
  private resolve(inc: SInclude): void {
    inc.target = undefined;
    const dir = inc.file.includes('/') ? inc.file.slice(0, inc.file.lastIndexOf('/')) : '';
    const target = resolveRelative(dir, inc.path);
    const edge: IncludeEdge = { include: inc, targets: [], ...(target !== undefined ? { resolved: target } : {}) };
    this.edges.push(edge);
    if (target === undefined) {
      this.report('include-outside-root', inc, `\`${inc.path}\` lies outside the workspace; ${tagName(inc)} only reads files inside it, so nothing was read.`);
      return;
    }
    const st = this.readableTarget(inc, target);
    if (!st) return;
    if (inc.dir) this.includeDirectory(inc, edge, target, st);
    else this.includeFile(inc, edge, target, st);
  }

  /** The target's stat when it is inside the workspace, exists and can be read; else a finding and undefined. */
  private readableTarget(inc: SInclude, target: string): FileStat | undefined {
    const st = this.source.stat(target);
    if (st.type === 'outside-root') this.report('include-outside-root', inc, `\`${target}\` resolves (through a link) outside the workspace; nothing was read.`);
    else if (st.type === 'missing')
      this.report('include-missing', inc, `${inc.dir ? 'Directory' : 'File'} not found: \`${target}\` (${tagName(inc)} paths are relative to the directory of \`${inc.file}\`).`, { path: target });
    else if (st.error) this.report('include-invalid', inc, `Cannot read \`${target}\`: ${st.error}.`);
    else return st;
    return undefined;
  }

  /** `!include`: one regular file. */
  private includeFile(inc: SInclude, edge: IncludeEdge, target: string, st: FileStat): void {
    if (st.type === 'directory') {
      this.report('include-invalid', inc, `\`${target}\` is a directory; !include loads one file. Use \`!include_dir_sorted ${inc.path}\` to load every file in it.`);
      return;
    }
    if (st.type !== 'file') {
      this.report('include-invalid', inc, `\`${target}\` is not a regular file.`);
      return;
    }
    const got = this.loadFor(inc, target);
    if (!got) return;
    edge.targets.push(target);
    if (got.broken) return;
    // An empty file loads as null (docs/format.md#includes), which is not the same as a failed include.
    inc.target = got.root ?? { kind: 'scalar', value: null, file: target, start: 0, end: 0, quoted: false };
  }

  /** `!include_dir_sorted`: the directory's YAML files in sorted order, their lists flattened into one. */
  private includeDirectory(inc: SInclude, edge: IncludeEdge, target: string, st: FileStat): void {
    if (st.type !== 'directory') {
      this.report('include-invalid', inc, `\`${target}\` is a file; !include_dir_sorted loads a directory. Use \`!include ${inc.path}\`.`);
      return;
    }
    const list: string[] = [];
    this.collectDir(target, '', list, 0);
    list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const seq: SSeq = { kind: 'seq', items: [], file: inc.file, start: inc.tagStart, end: inc.end, hasInclude: true };
    for (const rel of list) {
      const path = join(target, rel);
      const got = this.loadFor(inc, path);
      if (!got) continue;
      edge.targets.push(path);
      if (got.broken) continue;
      const root = got.root;
      if (!root || (root.kind === 'scalar' && root.value === null)) continue; // an empty file adds nothing
      const value = root.kind === 'include' ? root.target : root;
      if (value?.kind === 'seq') seq.items.push(...value.items);
      else seq.items.push(root);
    }
    inc.target = seq;
  }

  private collectDir(dir: string, rel: string, out: string[], depth: number): void {
    if (depth > MAX_DIR_DEPTH) return;
    const entries = this.source.readDirectory(join(dir, rel));
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.type === 'directory') this.collectDir(dir, r, out, depth + 1);
      else if (e.type === 'file' && isYamlFile(e.name) && !basename(e.name).startsWith('_')) out.push(r);
    }
  }
}

function tagName(inc: SInclude): string {
  return inc.dir ? '!include_dir_sorted' : '!include';
}
