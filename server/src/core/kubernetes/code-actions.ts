import type { PlannedFix } from '../features/ref-unknown-fixes';
import type { WorkspaceEdit } from '../features/edits';
import { fixesOf } from './edits';

/** A Kubernetes quick fix in the editor's shape; renaming a file also deletes the old one. */
export interface K8sCodeAction extends PlannedFix {
  edit: WorkspaceEdit & {
    /** Workspace paths to delete (the language server sends them as DeleteFile operations). */
    deletes: string[];
  };
}

/** The quick fixes a Kubernetes finding carries (`Diagnostic.data`), as code actions. */
export function k8sCodeActions(data: Record<string, unknown> | undefined): K8sCodeAction[] {
  return fixesOf(data).map((f) => ({
    title: f.title,
    preferred: !!f.preferred,
    edit: {
      edits: f.edits.map((e) => ({ span: { file: e.file, start: e.start, end: e.end }, newText: e.newText })),
      creates: (f.create ?? []).map((c) => ({ path: c.path, text: c.text })),
      deletes: f.delete ?? [],
    },
  }));
}
