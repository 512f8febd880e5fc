import { deref, get, items, pathGet, str } from '../../workspace/nodes';
import { STORAGE } from '../patterns';
import { defineK8sRule } from '../rule';
import { setEntry } from '../yaml-edit';
import { code, fieldSpan, nodeSpan } from './helpers';

export const pvc = defineK8sRule({
  id: 'k8s-pvc',
  severity: 'error',
  category: 'kubernetes',
  pattern: 4,
  description: 'A PersistentVolumeClaim does not use `zfs-storage` with ReadWriteOnce and a size, or a PersistentVolume is created by hand.',
  docs: `Pattern 4: claims use \`storageClassName: zfs-storage\` (the ZFS CSI driver: snapshots, checksums; never the
default class), the \`ReadWriteOnce\` access mode (ZFS volumes are local to one node) and request a size.
PersistentVolumes are never created manually: the CSI driver provisions them.`,
  check({ project, report }) {
    for (const svc of project.services) {
      for (const r of svc.resources) {
        if (r.kind === 'PersistentVolume') {
          report({
            span: r.anchor(),
            message: `${r.describe()} is created by hand; pattern 4 lets the ZFS CSI driver provision volumes. Delete it and request storage with a PersistentVolumeClaim (storageClassName ${code(STORAGE.storageClassName)}).`,
          });
          continue;
        }
        if (r.kind !== 'PersistentVolumeClaim') continue;
        const spec = r.spec;
        const sc = deref(get(spec, 'storageClassName'));
        if (sc?.kind !== 'scalar' || sc.value !== STORAGE.storageClassName) {
          report({
            span: sc ? nodeSpan(sc) : fieldSpan(r, ['spec', 'storageClassName']),
            message: `${r.describe()} ${sc?.kind === 'scalar' && sc.value !== null ? `uses storage class ${code(sc.value)}` : 'sets no storageClassName (the cluster default would be used)'}; pattern 4 requires ${code(STORAGE.storageClassName)}.`,
            fixes: spec
              ? [{ title: `Set storageClassName: ${STORAGE.storageClassName}`, edits: [setEntry(r.text, spec, 'storageClassName', { scalar: STORAGE.storageClassName })], preferred: true }]
              : [],
          });
        }
        const modes = items(get(spec, 'accessModes')).map((m) => str(m));
        if (modes.length !== 1 || modes[0] !== STORAGE.accessMode) {
          report({
            span: fieldSpan(r, ['spec', 'accessModes']),
            message: `${r.describe()} has access modes ${code(modes.join(', ') || 'none')}; pattern 4 requires exactly ${code(STORAGE.accessMode)} (ZFS volumes are local to one node).`,
            fixes: spec ? [{ title: `Set accessModes: [${STORAGE.accessMode}]`, edits: [setEntry(r.text, spec, 'accessModes', { block: [`- ${STORAGE.accessMode}`] })], preferred: true }] : [],
          });
        }
        if (str(pathGet(spec, ['resources', 'requests', 'storage'])) === undefined) {
          report({ span: fieldSpan(r, ['spec', 'resources', 'requests', 'storage']), message: `${r.describe()} requests no size; set spec.resources.requests.storage (e.g. ${code('100Gi')}).` });
        }
      }
    }
  },
});
