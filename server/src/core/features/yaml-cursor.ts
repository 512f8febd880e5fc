/**
 * Where a cursor sits in YAML text, read from indentation alone, so it works on the half-typed,
 * often unparsable text being completed: the key path from the file's root to the container being
 * typed into, what is typed (a key, a value, a list item), and the scalar siblings of each map on
 * the way (for `ownedBy`, `kindFrom` and the enclosing entity's id).
 */
export type PathStep = { key: string } | { item: true };

export type CursorTarget =
  | { kind: 'key' }
  | { kind: 'value'; key: string; inList: boolean }
  /** After `- ` in a block list: a value, or the first key of a new map item. */
  | { kind: 'item' }
  | { kind: 'include'; dir: boolean; typed: string };

export interface YamlCursor {
  path: PathStep[];
  target: CursorTarget;
  typed: string;
  /** The span the chosen completion replaces (the typed word and the rest of it after the cursor). */
  replace: { start: number; end: number };
  /** Scalar `key: value` pairs of the map reached after `depth` steps of the path. */
  siblings: Map<number, Map<string, string>>;
}

interface Shape {
  blank: boolean;
  dashes: number[];
  content: number;
  key: string | undefined;
  value: string | undefined;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#:'"[{&*!|>-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/;

function shape(line: string): Shape {
  if (/^\s*(#.*)?$/.test(line)) return { blank: true, dashes: [], content: 0, key: undefined, value: undefined };
  let i = 0;
  while (line[i] === ' ') i++;
  const dashes: number[] = [];
  while (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
    dashes.push(i);
    i++;
    while (line[i] === ' ') i++;
  }
  const m = KEY.exec(line.slice(i));
  const key = m ? m[1]!.replace(/^(['"])(.*)\1$/, '$2') : undefined;
  const value = m?.[2] !== undefined ? scalarText(m[2]) : undefined;
  return { blank: false, dashes, content: i, key, value };
}

function scalarText(raw: string): string | undefined {
  const v = raw.replace(/\s+#.*$/, '').trim();
  if (v === '' || /^[|>[{&*!]/.test(v)) return undefined;
  return v.replace(/^(['"])(.*)\1$/, '$2');
}

const WORD = /[A-Za-z0-9_.\-/]/;

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

/** Reads the cursor's context; undefined inside comments, block scalars' heads or flow maps. */
export function yamlCursor(text: string, offset: number): YamlCursor | undefined {
  const line = lineBounds(text, offset);
  const before = text.slice(line.start, offset);
  let wordEnd = offset;
  while (wordEnd < line.end && WORD.test(text[wordEnd]!)) wordEnd++;

  const inc = /!(include_dir_sorted|include)\s+(['"]?)([^'"\s]*)$/.exec(before);
  if (inc) {
    const typed = inc[3]!;
    return { path: [], target: { kind: 'include', dir: inc[1] === 'include_dir_sorted', typed }, typed, replace: { start: offset - typed.length, end: wordEnd }, siblings: new Map() };
  }
  if (/(^|\s)#/.test(before.replace(/(['"]).*?\1/g, ''))) return undefined;

  const sh = shape(before);
  const rest = before.slice(sh.content);
  const valueMatch = /^("[^"]*"|'[^']*'|[^\s#:'"[{][^:#]*?)\s*:\s+(.*)$/.exec(rest);
  let target: CursorTarget;
  let typed: string;
  let scan: Scan;
  let mapCol = -1;
  if (valueMatch) {
    const key = valueMatch[1]!.replace(/^(['"])(.*)\1$/, '$2');
    const v = valueMatch[2]!;
    if (v.startsWith('{') || v.startsWith('|') || v.startsWith('>')) return undefined;
    const inList = v.startsWith('[');
    typed = (inList ? v.slice(Math.max(v.lastIndexOf(','), v.lastIndexOf('[')) + 1) : v).trimStart().replace(/^['"]/, '');
    target = { kind: 'value', key, inList };
    scan = new Scan('map', (mapCol = sh.content));
    if (sh.dashes.length) scan.enterItems(sh.dashes);
  } else if (rest.includes(':')) {
    return undefined;
  } else if (sh.dashes.length > 0) {
    typed = rest.replace(/^['"]/, '');
    target = { kind: 'item' };
    const last = sh.dashes[sh.dashes.length - 1]!;
    scan = new Scan('seq', last);
    if (sh.dashes.length > 1) scan.enterItems(sh.dashes.slice(0, -1), last);
  } else {
    typed = rest;
    target = { kind: 'key' };
    scan = new Scan('map', (mapCol = before.length - rest.length));
  }
  if (!/^[A-Za-z0-9_.\-/]*$/.test(typed)) return undefined;
  if (!scan.up(text, line.start)) return undefined;
  if (mapCol >= 0) scan.down(text, line.end + 1, mapCol);
  return { path: scan.path(), target, typed, replace: { start: offset - typed.length, end: wordEnd }, siblings: scan.siblingsByDepth() };
}

/** The line [start, end) has only spaces up to and including column `col`, and more after. */
function indentedBeyond(text: string, start: number, end: number, col: number): boolean {
  if (end - start <= col + 1) return false;
  for (let i = start; i <= start + col; i++) if (text.charCodeAt(i) !== 32) return false;
  const next = text.charCodeAt(start + col + 1);
  // A comment or blank rest says nothing either way: let the full reading decide.
  return next !== 35 && next !== 13;
}

/** The line starts, at column `col` after spaces, with a dash and a space (a list item at that column). */
function dashAt(text: string, start: number, end: number, col: number): boolean {
  if (end - start < col + 2) return false;
  for (let i = start; i < start + col; i++) if (text.charCodeAt(i) !== 32) return false;
  return text.charCodeAt(start + col) === 45 && text.charCodeAt(start + col + 1) === 32;
}

/** Walks up from the cursor's container to the file root, collecting steps innermost first. */
class Scan {
  private readonly steps: PathStep[] = [];
  /** Sibling maps, innermost first, each with how many steps had been taken when it was entered. */
  private readonly frames: { after: number; siblings: Map<string, string> }[] = [];
  private readonly innermost: Map<string, string>;

  constructor(
    private mode: 'map' | 'seq',
    private col: number,
  ) {
    this.innermost = new Map();
    if (mode === 'map') this.frames.push({ after: 0, siblings: this.innermost });
  }

  /** A line whose dashes start the current map (or list) as an item of outer lists. */
  enterItems(dashes: number[], below?: number): void {
    for (let i = dashes.length - 1; i >= 0; i--) if (below === undefined || dashes[i]! < below) this.steps.push({ item: true });
    this.mode = 'seq';
    this.col = dashes[0]!;
  }

  private enterParent(sh: Shape): boolean {
    if (sh.key === undefined) return false;
    this.steps.push({ key: sh.key });
    this.mode = 'map';
    this.col = sh.content;
    this.frames.push({ after: this.steps.length, siblings: new Map() });
    if (sh.dashes.length) this.enterItems(sh.dashes);
    return true;
  }

  /** From the line before `lineStart` up to the top of `text`. */
  up(text: string, lineStart: number): boolean {
    // Line by line from the end, without splitting the text: a long list file is scanned to its top.
    for (let end = lineStart - 1; end >= 0; ) {
      const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
      const lineEnd = end;
      end = start - 1;
      // Deeper than the container, or (in a list) another item of it: nothing to collect.
      if (indentedBeyond(text, start, lineEnd, this.col) || (this.mode === 'seq' && dashAt(text, start, lineEnd, this.col))) continue;
      const raw = text.slice(start, lineEnd).replace(/\r$/, '');
      if (/^(---|\.\.\.)(\s|$)/.test(raw)) break;
      const sh = shape(raw);
      if (sh.blank) continue;
      if (this.mode === 'map') {
        if (sh.content === this.col) {
          const frame = this.frames[this.frames.length - 1]!;
          if (sh.key !== undefined && sh.value !== undefined && !frame.siblings.has(sh.key)) frame.siblings.set(sh.key, sh.value);
          if (sh.dashes.length) this.enterItems(sh.dashes);
          continue;
        }
        if (sh.content > this.col) continue;
        if (!this.enterParent(sh)) return false;
      } else {
        if (sh.dashes[0] === this.col) continue;
        if (sh.dashes.length && sh.dashes[0]! < this.col && sh.dashes.includes(this.col)) {
          this.enterItems(sh.dashes, this.col);
          continue;
        }
        if (sh.content > this.col) continue;
        if (!this.enterParent(sh)) return false;
      }
    }
    return true;
  }

  /** Siblings written below the cursor (from `from` on) in its own map, whose keys sit at `col`. */
  down(text: string, from: number, col: number): void {
    for (let start = from; start <= text.length; ) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      const raw = text.slice(start, end);
      start = end + 1;
      const sh = shape(raw.replace(/\r$/, ''));
      if (sh.blank) continue;
      if (sh.content > col) continue;
      if (sh.content < col || sh.dashes.length) break;
      if (sh.key !== undefined && sh.value !== undefined && !this.innermost.has(sh.key)) this.innermost.set(sh.key, sh.value);
    }
  }

  path(): PathStep[] {
    return [...this.steps].reverse();
  }

  siblingsByDepth(): Map<number, Map<string, string>> {
    const total = this.steps.length;
    const out = new Map<number, Map<string, string>>();
    for (const f of this.frames) out.set(total - f.after, f.siblings);
    return out;
  }
}
