/**
 * Runs migrations one after another on an overlay of the workspace: each plans against the text
 * the previous ones left, so they compose, and the run repeats until nothing changes (a later
 * phase can make an earlier one's derivation possible). The result is one set of file changes,
 * applied by one writer (CLI) or one WorkspaceEdit (editor).
 */
import { readConfig } from '../config/strata-config';
import type { Declarations } from '../model/declarations';
import { TopologyModel } from '../model/model';
import { assemble } from '../workspace/assemble';
import type { FileSystem } from '../workspace/file-system';
import { Workspace } from '../workspace/workspace';
import type { MigrationId } from '../model/migration-ids';
import { runPlan, type Migration, type Scope } from './migration';
import { OverlayFileSystem } from './overlay-fs';
import { applyPlanToTexts, isEmptyPlan, type Change, type FillIn, type IdRename, type MigrationPlan, type TextEdit } from './plan';
import { MIGRATION_LIST } from './registry';
import { lineEdits } from '../text/line-diff';
import { LineIndex } from '../text/line-index';

export interface FileChange {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

export interface MigrationSummary {
  id: MigrationId;
  title: string;
  changes: Change[];
  renames: IdRename[];
  fillIns: FillIn[];
}

export interface MigrationRun {
  migrations: MigrationSummary[];
  files: FileChange[];
  /** Minimal edits of existing files (for a WorkspaceEdit); new and deleted files are in `files`. */
  edits: TextEdit[];
  /** What a person must write or check after the run. */
  fillIns: FillIn[];
  /** True when a second pass over the result planned nothing (always expected). */
  converged: boolean;
}

export interface RunOptions {
  only?: readonly MigrationId[];
  scope?: Scope;
  maxRounds?: number;
}

/** Loads the model of a workspace (no rules: migrations need entities, refs and legacy uses). */
export function loadModel(ws: Workspace, declarations: Declarations): TopologyModel | undefined {
  const { config } = readConfig(ws);
  if (ws.stat(config.root).type !== 'file') return undefined;
  return new TopologyModel(assemble(ws, config.root), declarations);
}

export function selectMigrations(only?: readonly MigrationId[]): Migration[] {
  return only ? MIGRATION_LIST.filter((m) => only.includes(m.id)) : MIGRATION_LIST;
}

export function runMigrations(fs: FileSystem, declarations: Declarations, options: RunOptions = {}): MigrationRun {
  const overlay = new OverlayFileSystem(fs);
  const selected = selectMigrations(options.only);
  const summaries = new Map<MigrationId, MigrationSummary>();
  const summary = (m: Migration) => {
    let s = summaries.get(m.id);
    if (!s) summaries.set(m.id, (s = { id: m.id, title: m.title, changes: [], renames: [], fillIns: [] }));
    return s;
  };
  const step = (m: Migration): MigrationPlan | undefined => {
    const ws = new Workspace(overlay);
    const model = loadModel(ws, declarations);
    if (!model) return undefined;
    const plan = runPlan(m, { model, ws, ...(options.scope ? { scope: options.scope } : {}) });
    if (isEmptyPlan(plan)) return plan;
    for (const [path, text] of applyPlanToTexts((p) => ws.readText(p).text, plan)) overlay.set(path, text);
    return plan;
  };
  const maxRounds = options.maxRounds ?? 4;
  let converged = false;
  for (let round = 0; round < maxRounds && !converged; round++) {
    converged = true;
    for (const m of selected) {
      const plan = step(m);
      if (!plan) continue;
      const s = summary(m);
      if (!isEmptyPlan(plan)) {
        converged = false;
        s.changes.push(...plan.changes);
        s.renames.push(...plan.renames);
        for (const f of plan.fillIns) if (!f.left && !s.fillIns.some((x) => x.message === f.message)) s.fillIns.push(f);
      }
    }
  }
  // The last pass planned nothing; what each migration left in place (and said so) is still to do.
  for (const m of selected) {
    const ws = new Workspace(overlay);
    const model = loadModel(ws, declarations);
    if (!model) break;
    const plan = runPlan(m, { model, ws, ...(options.scope ? { scope: options.scope } : {}) });
    for (const f of plan.fillIns) if (f.left) summary(m).fillIns.push(f);
  }
  placeFillIns(
    new Workspace(overlay),
    declarations,
    [...summaries.values()].flatMap((s) => s.fillIns),
  );
  const files: FileChange[] = [];
  const edits: TextEdit[] = [];
  for (const [path, after] of [...overlay.changes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = fs.stat(path).type === 'file' ? new TextDecoder().decode(fs.readFile(path)) : undefined;
    if (before === after) continue;
    files.push({ path, before, after });
    if (before !== undefined && after !== undefined) edits.push(...lineEdits(before, after).map((e) => ({ file: path, ...e })));
  }
  const migrations = [...summaries.values()].filter((s) => s.changes.length || s.fillIns.length || s.renames.length);
  return { migrations, files, edits, fillIns: migrations.flatMap((s) => s.fillIns), converged };
}

/** Points each fill-in about an entity at that entity's id in the migrated files. */
function placeFillIns(ws: Workspace, declarations: Declarations, fillIns: FillIn[]): void {
  const model = loadModel(ws, declarations);
  if (!model) return;
  for (const f of fillIns) {
    const [kind, id] = f.entity?.split(/:(.*)/s) ?? [];
    const e = kind && id ? model.index.first(kind, id) : undefined;
    if (!e) continue;
    const pos = new LineIndex(ws.readText(e.idSpan.file).text ?? '').position(e.idSpan.start);
    f.place = { file: e.idSpan.file, line: pos.line + 1, column: pos.character + 1 };
  }
}
