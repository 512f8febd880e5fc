/** The shape of one migration and the context it plans in. */
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Workspace } from '../workspace/workspace';
import { MIGRATIONS, type MigrationId } from '../model/migration-ids';
import type { MigrationPlan } from './plan';
import { PlanBuilder } from './plan-builder';

/** Narrows a plan to one item (the "this item" quick fix): the entity a finding belongs to. */
export interface Scope {
  entity: { kind: string; id: string };
}

export interface MigrationContext {
  model: TopologyModel;
  ws: Workspace;
  scope?: Scope;
}

export interface Migration {
  id: MigrationId;
  title: string;
  phase: number;
  /**
   * How the `deprecated-field` findings it resolves look (`owner kind.field`, `*` for any owner),
   * for documentation; the findings themselves carry the migration id.
   */
  fixes: string[];
  /** True when a plan can be narrowed to one entity; otherwise "this item" plans the whole migration (ids and refs must change together). */
  itemScoped: boolean;
  plan(ctx: MigrationContext, b: PlanBuilder): void;
}

/** A migration: its title and phase are those MIGRATIONS gives its id. */
export function defineMigration(id: MigrationId, spec: Omit<Migration, 'id' | 'title' | 'phase'>): Migration {
  return { id, ...MIGRATIONS[id], ...spec };
}

/** True when an entity (or the entity owning it) is the scope's, or there is no scope. */
export function inScope(scope: Scope | undefined, e: Entity | undefined): boolean {
  if (!scope) return true;
  for (let x = e; x; x = x.owner) if (x.kind === scope.entity.kind && x.id === scope.entity.id) return true;
  return false;
}

export function runPlan(m: Migration, ctx: MigrationContext): MigrationPlan {
  const b = new PlanBuilder(m.id, ctx.ws);
  m.plan(ctx, b);
  return b.build();
}
