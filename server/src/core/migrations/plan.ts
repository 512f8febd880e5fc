/**
 * What a migration returns: plain data, never a write. Text edits are offset ranges of a file's
 * current text; one writer (the CLI's atomic writer, or the editor's WorkspaceEdit) applies them.
 */
import type { MigrationId } from '../model/migration-ids';

/** Replace `[start, end)` of `file`'s current text with `text` (an insertion when start === end). */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  text: string;
}

export interface NewFile {
  path: string;
  text: string;
}

/** An entity id that changed; every ref to it is rewritten by the same plan. */
export interface IdRename {
  kind: string;
  newKind?: string;
  from: string;
  to: string;
}

/** Something the migration could not derive and a person must write (or check). */
export interface FillIn {
  /** The entity it is about (kind:id), when there is one. */
  entity?: string;
  /** Where to write it, when known (a file of the plan's result). */
  file?: string;
  message: string;
  /**
   * A legacy value the migration left in place for lack of facts. Reported from the final state
   * only (a later phase may supply the facts); other fill-ins are about what the run wrote.
   */
  left?: boolean;
  /** The migration wrote a likely value (an installer default, a guess) that a person should confirm. */
  confirm?: boolean;
  /** Where the entity it is about stands once the run is applied (1-based line and column). */
  place?: { file: string; line: number; column: number };
}

/** An entity the plan touches, for dry-run listings and counts. */
export interface Change {
  entity: string;
  /** What happens to it: `changed`, `added`, `removed`, `renamed`, `moved`. */
  action: 'changed' | 'added' | 'removed' | 'renamed' | 'moved';
  detail?: string;
}

export interface MigrationPlan {
  migration: MigrationId;
  edits: TextEdit[];
  newFiles: NewFile[];
  /** Files the migration empties into others (a monolithic layer split into a tree). */
  deletedFiles: string[];
  renames: IdRename[];
  changes: Change[];
  fillIns: FillIn[];
}

export function emptyPlan(migration: MigrationId): MigrationPlan {
  return { migration, edits: [], newFiles: [], deletedFiles: [], renames: [], changes: [], fillIns: [] };
}

export function isEmptyPlan(p: MigrationPlan): boolean {
  return p.edits.length === 0 && p.newFiles.length === 0 && p.deletedFiles.length === 0;
}

/**
 * Applies edits to one text. Edits must not overlap; insertions at the same offset keep their
 * order in the list. Throws on overlap: that is a bug in the migration, not bad input.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits in ${e.file} at offset ${e.start}`);
    if (e.end < e.start || e.end > text.length) throw new Error(`edit out of range in ${e.file}: ${e.start}-${e.end} of ${text.length}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The texts of every file after a plan: changed and new files map to text, deleted ones to undefined. */
export function applyPlanToTexts(readText: (path: string) => string | undefined, plan: MigrationPlan): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const byFile = new Map<string, TextEdit[]>();
  for (const e of plan.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const text = readText(file);
    if (text === undefined) throw new Error(`edit of a file that does not exist: ${file}`);
    out.set(file, applyTextEdits(text, edits));
  }
  for (const f of plan.newFiles) {
    if (out.has(f.path)) throw new Error(`a new file is also edited: ${f.path}`);
    out.set(f.path, f.text);
  }
  for (const d of plan.deletedFiles) out.set(d, undefined);
  return out;
}
