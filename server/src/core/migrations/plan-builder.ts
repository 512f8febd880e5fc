/** Collects one migration's edits, new files and notes; reads file texts through the workspace. */
import type { Workspace } from '../workspace/workspace';
import type { MigrationId } from '../model/migration-ids';
import { emptyPlan, type Change, type FillIn, type IdRename, type MigrationPlan, type TextEdit } from './plan';

export class PlanBuilder {
  private readonly plan: MigrationPlan;
  private readonly seen = new Set<string>();

  constructor(
    id: MigrationId,
    private readonly ws: Workspace,
  ) {
    this.plan = emptyPlan(id);
  }

  text(file: string): string {
    const t = this.ws.readText(file).text;
    if (t === undefined) throw new Error(`cannot read ${file}`);
    return t;
  }

  exists(path: string): boolean {
    return this.ws.stat(path).type !== 'missing' || this.plan.newFiles.some((f) => f.path === path);
  }

  /** Adds an edit; the same edit planned twice (one scalar reached through an alias) is kept once. */
  edit(e: TextEdit): void {
    const key = `${e.file}\0${e.start}\0${e.end}\0${e.text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.plan.edits.push(e);
  }

  newFile(path: string, text: string): void {
    if (this.plan.newFiles.some((f) => f.path === path)) throw new Error(`two new files at ${path}`);
    this.plan.newFiles.push({ path, text });
  }

  deleteFile(path: string): void {
    if (!this.plan.deletedFiles.includes(path)) this.plan.deletedFiles.push(path);
  }

  rename(r: IdRename): void {
    this.plan.renames.push(r);
  }

  change(entity: string, action: Change['action'], detail?: string): void {
    this.plan.changes.push({ entity, action, ...(detail ? { detail } : {}) });
  }

  fillIn(f: FillIn): void {
    if (!this.plan.fillIns.some((x) => x.message === f.message)) this.plan.fillIns.push(f);
  }

  build(): MigrationPlan {
    return this.plan;
  }
}
