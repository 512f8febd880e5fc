/**
 * Writes a planned Kubernetes service (kubernetes/scaffold.ts) through the one writer: the CLI's
 * `strata k8s new` and the editor's "Strata: New Kubernetes service…" both call this.
 */
import { SCAFFOLD_GENERATOR, type Plan, type PlannedFile } from '../core';
import { applyPlan, type FileChange, type WriteReport } from './writer';
import { TOOL } from './generate-service';

export type ScaffoldWrite = { ok: true; report: WriteReport } | { ok: false; inTheWay: FileChange[] };

/**
 * Previews first: when any planned file is in the way (exists, or its path is refused), nothing at
 * all is written. `dry-run` and `diff` only preview. Paths are relative to `dir`, the repository.
 */
export function writeScaffold(dir: string, files: PlannedFile[], mode: 'write' | 'dry-run' | 'diff', toolVersion: string): ScaffoldWrite {
  const plan: Plan = { runs: [{ generator: SCAFFOLD_GENERATOR, status: 'ran', inputHash: '', sources: [], files, diagnostics: [], ms: 0 }], prepareMs: 0 };
  const apply = (m: 'write' | 'dry-run' | 'diff') => applyPlan(plan, { outDir: dir, mode: m, tool: TOOL, toolVersion, manifest: false });
  const preview = apply(mode === 'diff' ? 'diff' : 'dry-run');
  const inTheWay = preview.changes.filter((c) => c.status !== 'new');
  if (inTheWay.length) return { ok: false, inTheWay };
  return { ok: true, report: mode === 'write' ? apply('write') : preview };
}
