/**
 * What generators produce and the writer applies: planned files, never writes. Paths are relative
 * to the output folder, POSIX, and checked by the writer before anything touches a disk.
 */
import type { Span } from '../types';

export interface PlannedFile {
  /** Output-folder-relative POSIX path (`terraform/proxmox/lxc.tf`). */
  path: string;
  content: string;
  /** Name of the generator that planned it. */
  generator: string;
}

/** A problem a generator met (an unsafe name, an unresolved value); it skips that part of its output. */
export interface GeneratorDiagnostic {
  generator: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  span?: Span;
}

export interface GeneratorRun {
  generator: string;
  /** `skipped`: inputs unchanged since the manifest and its outputs intact; `files` is then empty. */
  status: 'ran' | 'skipped' | 'failed';
  inputHash: string;
  /** Source files the generator read (workspace-relative), for provenance and the manifest. */
  sources: string[];
  files: PlannedFile[];
  diagnostics: GeneratorDiagnostic[];
  ms: number;
  error?: string;
}

/** The result of one pipeline run: what every enabled generator planned. */
export interface Plan {
  runs: GeneratorRun[];
  /** Milliseconds spent before generators started (input hashing, manifest comparison). */
  prepareMs: number;
}

export function plannedFiles(plan: Plan): PlannedFile[] {
  return plan.runs.flatMap((r) => r.files);
}
