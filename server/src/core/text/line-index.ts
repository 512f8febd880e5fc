import type { Position, Range } from '../types';

/** Converts string offsets (UTF-16 code units, as LSP counts) to line/character positions and back. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** `offset` is at `pos`: `position(offset)` equals it, asked without making a position. */
  isAt(offset: number, pos: Position): boolean {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = pos.line;
    if (line < 0 || line >= this.starts.length) return false;
    const start = this.starts[line]!;
    // The last line start at or before `o` is `line`'s: `o` lies on it, before the next line starts.
    if (o < start || (line + 1 < this.starts.length && o >= this.starts[line + 1]!)) return false;
    return o - start === pos.character;
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[Math.max(0, pos.line)]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length;
    return Math.min(lineStart + Math.max(0, pos.character), next);
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}
