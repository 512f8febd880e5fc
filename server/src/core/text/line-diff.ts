/**
 * The one line diff, on jsdiff (`diff`): the unified diffs of `--diff` and of the previews, and the
 * minimal text edits a migration applies (only the changed lines are replaced). A line keeps its
 * terminator, so a last line without one differs from the same line with one.
 */
import { createTwoFilesPatch, diffLines, FILE_HEADERS_ONLY, formatPatch, type StructuredPatchHunk } from 'diff';

/**
 * Myers' search costs about the square of the edit steps (a path object per step and diagonal). Past
 * this many steps the exact diff is not worth the wait (hundreds of milliseconds already), and one
 * block replacing every line between the common head and tail is still a correct diff.
 */
const MAX_EDIT_STEPS = 2000;

/** Splits keeping line terminators, so joining the parts gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Where two texts start and stop differing, in whole lines: lines before `head` and from `tail` on are equal. */
interface CommonEnds {
  lines: { before: string[]; after: string[] };
  head: number;
  /** Equal lines at the end of both texts. */
  tail: number;
}

function commonEnds(before: string, after: string): CommonEnds {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { lines: { before: a, after: b }, head, tail };
}

/** A text edit by offsets into the old text. */
export interface LineEdit {
  start: number;
  end: number;
  text: string;
}

/** Edits that turn `before` into `after`, one per changed run of lines. */
export function lineEdits(before: string, after: string): LineEdit[] {
  if (before === after) return [];
  const changes = diffLines(before, after, { maxEditLength: MAX_EDIT_STEPS });
  if (!changes) return [oneBlockEdit(before, after)];
  const edits: LineEdit[] = [];
  let offset = 0;
  let current: LineEdit | undefined;
  for (const c of changes) {
    if (!c.added && !c.removed) {
      offset += c.value.length;
      current = undefined;
      continue;
    }
    if (!current) edits.push((current = { start: offset, end: offset, text: '' }));
    if (c.removed) {
      offset += c.value.length;
      current.end = offset;
    } else current.text += c.value;
  }
  return edits;
}

function oneBlockEdit(before: string, after: string): LineEdit {
  const { lines, head, tail } = commonEnds(before, after);
  const start = lines.before.slice(0, head).join('').length;
  const end = before.length - lines.before.slice(lines.before.length - tail).join('').length;
  return { start, end, text: lines.after.slice(head, lines.after.length - tail).join('') };
}

/**
 * A unified diff (`--- a/<path>` / `+++ b/<path>`, 3 lines of context), or '' when the texts are
 * equal. A side that does not exist is `undefined` and shown as /dev/null.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  if (before === after) return '';
  const oldName = before === undefined ? '/dev/null' : `a/${path}`;
  const newName = after === undefined ? '/dev/null' : `b/${path}`;
  const a = before ?? '';
  const b = after ?? '';
  const exact = createTwoFilesPatch(oldName, newName, a, b, undefined, undefined, { context, maxEditLength: MAX_EDIT_STEPS, headerOptions: FILE_HEADERS_ONLY });
  if (exact !== undefined) return exact;
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks: [oneBlockHunk(a, b, context)] }, FILE_HEADERS_ONLY);
}

/** One hunk that removes every line between the common head and tail and adds the new ones. */
function oneBlockHunk(before: string, after: string, context: number): StructuredPatchHunk {
  const { lines, head, tail } = commonEnds(before, after);
  const from = Math.max(0, head - context);
  const lead = lines.before.slice(from, head);
  const removed = lines.before.slice(head, lines.before.length - tail);
  const added = lines.after.slice(head, lines.after.length - tail);
  const trail = lines.before.slice(lines.before.length - tail, lines.before.length - tail + context);
  const marked = (prefix: string, ls: string[]) => ls.flatMap((l) => (l.endsWith('\n') ? [prefix + l.slice(0, -1)] : [prefix + l, '\\ No newline at end of file']));
  return {
    oldStart: from + 1,
    oldLines: lead.length + removed.length + trail.length,
    newStart: from + 1,
    newLines: lead.length + added.length + trail.length,
    lines: [...marked(' ', lead), ...marked('-', removed), ...marked('+', added), ...marked(' ', trail)],
  };
}
