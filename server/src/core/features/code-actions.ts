/**
 * Every quick fix an editor offers, decided here once: the fixes a finding carries (Kubernetes
 * rules), the did-you-mean and create fixes of a ref that names nothing, the migrations of a legacy
 * shape, and the next free address under the cursor. The language server and the browser worker
 * only convert the result to their protocol's shapes.
 */
import type { Analysis } from '../analysis';
import { fixesOf as carriedFixes } from '../kubernetes/edits';
import { migrationQuickFixes, migrationQuickFixTitles, type WorkspaceEditData } from '../migrations/editor-actions';
import type { Declarations } from '../model/declarations';
import { LineIndex } from '../text/line-index';
import type { Diagnostic, Position } from '../types';
import type { FileSystem } from '../workspace/file-system';
import type { WorkspaceEdit } from './edits';
import { nextFreeIpActions } from './next-free-ip';
import { refUnknownFixes } from './ref-unknown-fixes';

/** A diagnostic as an editor holds it: enough to find the analysed finding it stands for. */
export interface FindingRef {
  /** The rule id (LSP allows a number; such a code matches no finding). */
  code: unknown;
  start: Position;
}

/** The edit of a fix, in one of two coordinate systems. */
export type FixEdit =
  /** Offsets into the analysed texts; `deletes` are files to remove. */
  | { offsets: WorkspaceEdit & { deletes: string[] } }
  /** A migration's edit: line/character ranges on the texts the migration read. */
  | { lines: WorkspaceEditData };

/** A migration fix offered by its title: what `resolveFix` needs to compute its edit. */
export interface DeferredFix {
  file: string;
  code: string;
  start: Position;
  workspace: boolean;
}

export interface FixAction {
  title: string;
  preferred: boolean;
  /** The analysed findings it resolves (none: an action on the place, not on a finding). */
  fixes: Diagnostic[];
  /** Absent exactly when `deferred` is set. */
  edit?: FixEdit;
  deferred?: DeferredFix;
}

export interface CodeActionOptions {
  /** What migrations read (the editor's texts, saved or not). */
  fs: FileSystem;
  declarations: Declarations;
  /** The editor can create files, and delete them; a fix that needs what it cannot do is not offered. */
  creates: boolean;
  deletes: boolean;
  /**
   * Migration fixes with their edits; by title only (running a migration takes hundreds of
   * milliseconds and editors ask on every cursor move: `resolveFix` computes the chosen one); or none.
   */
  migrations: 'edits' | 'titles' | 'none';
}

type Analysed = Pick<Analysis, 'model' | 'byFile'>;

/** The finding an editor's diagnostic stands for: the same rule, starting at the same place. */
export function isFinding(d: Diagnostic, ref: FindingRef): boolean {
  return d.code === ref.code && d.range.start.line === ref.start.line && d.range.start.character === ref.start.character;
}

/** The analysed finding in `file` that an editor's diagnostic stands for. */
export function findingAt(diagnostics: readonly Diagnostic[], file: string, ref: FindingRef): Diagnostic | undefined {
  return diagnostics.find((d) => d.file === file && isFinding(d, ref));
}

/**
 * The quick fixes for the findings the editor asks about in `file` (`asked`, as it holds them),
 * then those of the place `offset` (where the range starts).
 */
export function codeActions(analysis: Analysed, file: string, offset: number, asked: readonly FindingRef[], options: CodeActionOptions): FixAction[] {
  const out: FixAction[] = [];
  for (const ref of asked) {
    const found = findingAt(analysis.byFile.get(file) ?? [], file, ref);
    if (found) out.push(...fixesOf(analysis, found, options));
  }
  out.push(...placeActions(analysis, file, offset, asked));
  return out.filter((a) => applicable(a, options));
}

/** The edit of a fix offered by title (`migrations: 'titles'`); undefined when the finding is gone. */
export function resolveFix(analysis: Analysed, deferred: DeferredFix, options: Pick<CodeActionOptions, 'fs' | 'declarations'>): FixEdit | undefined {
  const found = findingAt(analysis.byFile.get(deferred.file) ?? [], deferred.file, { code: deferred.code, start: deferred.start });
  const m = found && migrationQuickFixes(options.fs, options.declarations, found).find((x) => x.workspace === deferred.workspace);
  return m ? { lines: m.edit } : undefined;
}

/** One finding's fixes: those it carries, those of a ref that names nothing, its migrations. */
function fixesOf(analysis: Analysed, d: Diagnostic, options: CodeActionOptions): FixAction[] {
  return [...carriedActions(d), ...refUnknownActions(analysis, d), ...migrationActions(d, options)];
}

/** The fixes a finding carries in its data (the Kubernetes rules'); renaming a file also deletes the old one. */
function carriedActions(d: Diagnostic): FixAction[] {
  return carriedFixes(d.data).map((f) => ({
    title: f.title,
    preferred: !!f.preferred,
    fixes: [d],
    edit: {
      offsets: {
        edits: f.edits.map((e) => ({ span: { file: e.file, start: e.start, end: e.end }, newText: e.newText })),
        creates: (f.create ?? []).map((c) => ({ path: c.path, text: c.text })),
        deletes: f.delete ?? [],
      },
    },
  }));
}

function refUnknownActions(analysis: Analysed, d: Diagnostic): FixAction[] {
  const model = analysis.model;
  const text = model?.assembly.parsed.get(d.file)?.text;
  if (!model || text === undefined || d.code !== 'ref-unknown') return [];
  const index = new LineIndex(text);
  const span = { file: d.file, start: index.offset(d.range.start), end: index.offset(d.range.end) };
  return refUnknownFixes(model, span, d.data).map((f) => ({ title: f.title, preferred: f.preferred, fixes: [d], edit: { offsets: { ...f.edit, deletes: [] } } }));
}

/** "Migrate: <title>" for the item, and for the whole workspace (the item's is preferred). */
function migrationActions(d: Diagnostic, options: CodeActionOptions): FixAction[] {
  if (options.migrations === 'titles') {
    return migrationQuickFixTitles(d).map((t) => ({ title: t.title, preferred: !t.workspace, fixes: [d], deferred: { file: d.file, code: d.code, start: d.range.start, workspace: t.workspace } }));
  }
  if (options.migrations === 'none') return [];
  return migrationQuickFixes(options.fs, options.declarations, d).map((m) => ({ title: m.title, preferred: !m.workspace, fixes: [d], edit: { lines: m.edit } }));
}

/** On an address tied to a network: "Use next free address in <network>", preferred when it fixes an asked finding. */
function placeActions(analysis: Analysed, file: string, offset: number, asked: readonly FindingRef[]): FixAction[] {
  if (!analysis.model) return [];
  return nextFreeIpActions(analysis.model, file, offset).map((a) => {
    const fixes = asked.flatMap((ref) => findingAt(analysis.byFile.get(file) ?? [], file, ref) ?? []).filter((d) => a.fixes.includes(d.code));
    return { title: a.title, preferred: fixes.length > 0, fixes, edit: { offsets: { edits: [a.edit], creates: [], deletes: [] } } };
  });
}

function applicable(a: FixAction, options: CodeActionOptions): boolean {
  const e = a.edit;
  if (!e) return true;
  const creates = 'offsets' in e ? e.offsets.creates.length : e.lines.create.length;
  const deletes = 'offsets' in e ? e.offsets.deletes.length : e.lines.delete.length;
  return (creates === 0 || options.creates) && (deletes === 0 || options.deletes);
}
