/**
 * What the editor offers, as plain data the language server converts: two quick fixes per
 * `deprecated-field` finding ("Migrate: <title>" for its item, and for the whole workspace), and
 * the list of pending migrations with counts for "Strata: Migrate workspace…", whose chosen
 * migrations come back as one workspace edit (so one Undo reverts them) with a diff preview.
 */
import { legacyUses } from '../model/legacy-shapes';
import type { Declarations } from '../model/declarations';
import { LineIndex } from '../text/line-index';
import type { Diagnostic, Range } from '../types';
import type { FileSystem } from '../workspace/file-system';
import { Workspace } from '../workspace/workspace';
import { isMigrationId, MIGRATIONS, type MigrationId } from '../model/migration-ids';
import { runPlan, type Scope } from './migration';
import { MIGRATION_LIST, MIGRATIONS_BY_ID } from './registry';
import { loadModel, runMigrations, type MigrationRun } from './runner';
import { unifiedDiff } from '../text/line-diff';

export interface TextEditData {
  range: Range;
  newText: string;
}

/** A workspace edit: edits of existing files, files to create (with content) and files to delete. */
export interface WorkspaceEditData {
  changes: { file: string; edits: TextEditData[] }[];
  create: { file: string; text: string }[];
  delete: string[];
}

export interface MigrationAction {
  title: string;
  kind: 'quickfix';
  migration: MigrationId;
  /** True for the whole-workspace variant. */
  workspace: boolean;
  edit: WorkspaceEditData;
  /** What a person must still write or check afterwards. */
  fillIns: string[];
}

export interface PendingMigration {
  id: MigrationId;
  title: string;
  phase: number;
  /** Entities the migration would change now. */
  count: number;
}

/** Converts a run into one workspace edit (ranges on the texts the editor holds). */
export function workspaceEdit(run: MigrationRun): WorkspaceEditData {
  const edit: WorkspaceEditData = { changes: [], create: [], delete: [] };
  const byFile = new Map<string, TextEditData[]>();
  for (const f of run.files) {
    if (f.before === undefined && f.after !== undefined) edit.create.push({ file: f.path, text: f.after });
    else if (f.after === undefined) edit.delete.push(f.path);
  }
  for (const e of run.edits) {
    const before = run.files.find((f) => f.path === e.file)?.before ?? '';
    const idx = new LineIndex(before);
    byFile.set(e.file, [...(byFile.get(e.file) ?? []), { range: idx.range(e.start, e.end), newText: e.text }]);
  }
  for (const [file, edits] of byFile) edit.changes.push({ file, edits });
  return edit;
}

/** The scope of a finding: the entity that owns the legacy key under the diagnostic. */
function scopeOf(ws: Workspace, declarations: Declarations, d: Diagnostic): Scope | undefined {
  const model = loadModel(ws, declarations);
  const text = ws.readText(d.file).text;
  if (!model || text === undefined) return undefined;
  const offset = new LineIndex(text).offset(d.range.start);
  const use = legacyUses(model).find((u) => u.span.file === d.file && u.span.start === offset);
  return use?.from ? { entity: { kind: use.from.kind, id: use.from.id } } : undefined;
}

/** Diagnostics of a legacy shape: their `data.migration` names the migration that rewrites it. */
const MIGRATED_BY_QUICK_FIX = new Set(['deprecated-field', 'service-ip-redundant']);

export function hasMigrationQuickFix(code: string): boolean {
  return MIGRATED_BY_QUICK_FIX.has(code);
}

/** What the quick fixes of a legacy-shape diagnostic are called, without running the migration (none for other diagnostics). */
export function migrationQuickFixTitles(d: Pick<Diagnostic, 'code' | 'data'>): { migration: MigrationId; workspace: boolean; title: string }[] {
  const id = d.data?.migration;
  if (!hasMigrationQuickFix(d.code) || typeof id !== 'string' || !isMigrationId(id)) return [];
  const title = MIGRATIONS[id].title;
  return [false, true].map((workspace) => ({ migration: id, workspace, title: `Migrate: ${title}${workspace ? ' (whole workspace)' : ''}` }));
}

/** The two quick fixes of a legacy-shape diagnostic with their edits (none for other diagnostics; a fix that changes nothing is left out). */
export function migrationQuickFixes(fs: FileSystem, declarations: Declarations, d: Diagnostic): MigrationAction[] {
  const titles = migrationQuickFixTitles(d);
  if (!titles.length) return [];
  const id = titles[0]!.migration;
  const migration = MIGRATIONS_BY_ID.get(id)!;
  const scope = migration.itemScoped ? scopeOf(new Workspace(fs), declarations, d) : undefined;
  const item = runMigrations(fs, declarations, { only: [id], ...(scope ? { scope } : {}) });
  const all = runMigrations(fs, declarations, { only: [id] });
  return titles
    .map(({ title, workspace }): MigrationAction => {
      const run = workspace ? all : item;
      return { title, kind: 'quickfix', migration: id, workspace, edit: workspaceEdit(run), fillIns: run.fillIns.map((f) => f.message) };
    })
    .filter((a) => a.edit.changes.length || a.edit.create.length || a.edit.delete.length);
}

/** Migrations that would change something now, each with the number of entities it touches. */
export function pendingMigrations(fs: FileSystem, declarations: Declarations): PendingMigration[] {
  const out: PendingMigration[] = [];
  for (const m of MIGRATION_LIST) {
    const ws = new Workspace(fs);
    const model = loadModel(ws, declarations);
    if (!model) return [];
    const plan = runPlan(m, { model, ws });
    const entities = new Set(plan.changes.map((c) => c.entity));
    if (plan.edits.length || plan.newFiles.length || plan.deletedFiles.length) out.push({ id: m.id, title: m.title, phase: m.phase, count: entities.size });
  }
  return out;
}

/** "Migrate workspace…": the chosen migrations as one edit, with a unified-diff preview. */
export function migrateWorkspace(fs: FileSystem, declarations: Declarations, ids: readonly MigrationId[]): { edit: WorkspaceEditData; preview: string; fillIns: string[] } {
  const run = runMigrations(fs, declarations, { only: ids });
  return { edit: workspaceEdit(run), preview: run.files.map((f) => unifiedDiff(f.path, f.before, f.after)).join(''), fillIns: run.fillIns.map((f) => f.message) };
}
