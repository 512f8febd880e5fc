import type { Span } from '../types';

/** Replace `span` with `newText` (an insertion when the span is empty). */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** A file to create with its whole text. */
export interface FileCreation {
  path: string;
  text: string;
}

/** Edits across files, planned by a feature and applied by the editor (so Undo works). */
export interface WorkspaceEdit {
  edits: TextEdit[];
  creates: FileCreation[];
}

/** The text of a scalar without its quotes: what rename and completion replace. */
export function unquoted(text: string, start: number, end: number): { start: number; end: number } {
  const c = text[start];
  if ((c === '"' || c === "'") && end - start >= 2 && text[end - 1] === c) return { start: start + 1, end: end - 1 };
  return { start, end };
}
