/**
 * Quick fixes as plain data: text edits by offset, files to create and files to delete. The language
 * server turns them into a WorkspaceEdit; tests apply them in memory with `applyFix`.
 */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface NewFile {
  path: string;
  text: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  create?: NewFile[];
  delete?: string[];
  /** The fix to apply by default (VS Code's "preferred" code action). */
  preferred?: boolean;
}

/** Fixes ride on a finding's `data` (as `fixes`), so the editor can offer them without re-running the rule. */
export function fixesOf(data: Record<string, unknown> | undefined): QuickFix[] {
  const f = data?.fixes;
  return Array.isArray(f) ? (f as QuickFix[]) : [];
}

/** Applies a fix to a set of file texts (edits per file from the end, so offsets stay valid). */
export function applyFix(files: Record<string, string>, fix: QuickFix): Record<string, string> {
  const out = { ...files };
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    let text = out[file];
    if (text === undefined) throw new Error(`fix edits a file that does not exist: ${file}`);
    const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.end > sorted[i - 1]!.start) throw new Error(`overlapping edits in ${file}`);
    }
    for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out[file] = text;
  }
  for (const p of fix.delete ?? []) delete out[p];
  for (const f of fix.create ?? []) {
    if (out[f.path] !== undefined) throw new Error(`fix would overwrite ${f.path}`);
    out[f.path] = f.text;
  }
  return out;
}
