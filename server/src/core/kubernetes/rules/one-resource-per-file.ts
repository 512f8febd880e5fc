import { join } from '../../workspace/paths';
import type { QuickFix } from '../edits';
import { fileForKind } from '../patterns';
import type { K8sResource } from '../resource';
import { defineK8sRule } from '../rule';

export const oneResourcePerFile = defineK8sRule({
  id: 'k8s-one-resource-per-file',
  severity: 'error',
  category: 'kubernetes',
  pattern: 1,
  description: 'A manifest file holds more than one resource.',
  docs: `Pattern 1 keeps one resource per file, each in the file named for its kind, so a diff, a review and Flux's
pruning all act on one object at a time. Move every resource after the first into its own file (the quick fix does
it when that file does not exist yet).`,
  check({ project, report }) {
    for (const svc of project.services) {
      for (const [name, file] of svc.files) {
        if (file.resources.length < 2) continue;
        for (const r of file.resources.slice(1)) {
          const target = r.kind ? fileForKind(r.kind) : undefined;
          const fixes: QuickFix[] = [];
          if (target && target !== name && !svc.files.has(target) && !svc.otherFiles.includes(target)) fixes.push(moveFix(r, join(svc.dir, target)));
          report({
            span: r.anchor(),
            message: `${name} holds ${file.resources.length} resources; pattern 1 allows one per file. Move ${r.describe()}${target ? ` to ${target}` : ' to its own file'}.`,
            fixes,
          });
        }
      }
    }
  },
});

/** Cuts a document out of its file and writes it to a new one. */
export function moveFix(r: K8sResource, to: string): QuickFix {
  const body = r.text.slice(r.root.start, r.root.end).replace(/\s*$/, '\n');
  return { title: `Move ${r.describe()} to ${to}`, edits: [{ file: r.file, start: r.docStart, end: r.docEnd, newText: '' }], create: [{ path: to, text: body }], preferred: true };
}
