import { serviceRuntime } from '../model/canonical';
import { spanOf, type Entity } from '../model/extract';
import { deref, entryOf, get, scalar, type SMap } from '../workspace/nodes';
import type { Span } from '../types';
import { defineRule, type Report } from './rule';

type TargetKind = 'lxc' | 'vm' | 'device';
const KIND_BY_TYPE: Record<string, TargetKind> = { lxc: 'lxc', vm: 'vm', docker: 'device', podman: 'device', native: 'device', baremetal: 'device' };
const FIELD_KIND: Record<string, TargetKind | undefined> = { target_ref: undefined, lxc_ref: 'lxc', vm_ref: 'vm', device_ref: 'device' };
const KIND_NAME: Record<TargetKind, string> = { lxc: 'an LXC container', vm: 'a VM', device: 'a device' };
const TYPES_FOR: Record<TargetKind, string> = { lxc: 'lxc', vm: 'vm', device: 'docker, podman, native or baremetal' };

export const runtimeTarget = defineRule({
  id: 'runtime-target',
  severity: 'error',
  category: 'governance',
  description: "A service's runtime type and its target disagree, or one of them is missing.",
  docs: `A service runs where \`runtime.target_ref\` says, in the way \`runtime.type\` says: \`lxc\` runs in an LXC container, \`vm\` in a VM, and \`docker\`, \`podman\`, \`native\` and \`baremetal\` on a device. The target's kind must match the type (a target named by kind, \`runtime.lxc_ref\`/\`vm_ref\`/\`device_ref\`, must match it too), and a type without a target, or a target without a type, leaves generators unable to place the service.

v4.0 services say the same with \`lxc_ref\`, \`vm_ref\` or \`device_ref\` (+ \`container\`/\`native\`); a service that sets \`container: true\` or \`native: true\` without a \`device_ref\` is reported as well.

Fix the type or point the target at an entity of the right kind. The \`service-runtime\` migration converts v4.0 services.`,
  over: 'entities',
  kinds: ['service'],
  check(svc, { model, report }) {
    const rt = serviceRuntime(svc);
    if (rt.shape === 'runtime')
      checkRuntime(
        svc,
        report,
        (id) => model.index.withId(id),
        (s) => model.where(s),
      );
    else if (rt.shape === 'none') checkLegacyFlags(svc, report);
  },
});

function checkRuntime(svc: Entity, report: Report, withId: (id: string) => Entity[], where: (s: Span) => string): void {
  const rtEntry = entryOf(svc.node, 'runtime')!;
  const rt = deref(rtEntry.value) as SMap;
  const typeNode = deref(get(rt, 'type'));
  const type = typeNode?.kind === 'scalar' && typeof typeNode.value === 'string' ? typeNode.value : undefined;
  const field = Object.keys(FIELD_KIND).find((k) => scalar(get(rt, k)) !== undefined && scalar(get(rt, k)) !== null);
  const targetNode = field ? deref(get(rt, field)) : undefined;
  const keySpan: Span = { file: rt.file, start: rtEntry.keyStart, end: rtEntry.keyEnd };
  if (type === undefined) {
    report({
      span: keySpan,
      message: `The runtime of ${svc.id} has no type${field ? ` although ${field} names '${String(scalar(targetNode))}'` : ''}. Add type: lxc, vm, docker, podman, native or baremetal, so generators know how to run it.`,
    });
    return;
  }
  const expected = KIND_BY_TYPE[type];
  if (!expected) return; // an unknown type is schema-unknown-value's
  if (!field || !targetNode || targetNode.kind !== 'scalar') {
    report({ span: spanOf(typeNode!), message: `The runtime of ${svc.id} is type ${type} but names no target. Add target_ref naming ${KIND_NAME[expected]}.` });
    return;
  }
  const targetId = String(targetNode.value);
  const fieldKind = FIELD_KIND[field];
  if (fieldKind && fieldKind !== expected) {
    report({
      span: spanOf(targetNode),
      message: `The runtime of ${svc.id} is type ${type}, which runs on ${KIND_NAME[expected]}, but ${field} names ${KIND_NAME[fieldKind]}. Use type ${TYPES_FOR[fieldKind]}, or name the target with target_ref.`,
    });
    return;
  }
  if (fieldKind) return; // the field's own kind is checked by the reference rules
  const found = withId(targetId);
  if (found.length === 0 || found.some((e) => e.kind === expected)) return; // missing: ref-unknown's
  const other = found.find((e) => e.kind in KIND_NAME) ?? found[0]!;
  const otherType = TYPES_FOR[other.kind as TargetKind] as string | undefined;
  const fix = otherType ? `Use type ${otherType}, or point target_ref at ${KIND_NAME[expected]}` : `Point target_ref at ${KIND_NAME[expected]}`;
  report({
    span: spanOf(targetNode),
    message: `The runtime of ${svc.id} is type ${type}, which runs on ${KIND_NAME[expected]}, but target_ref names ${other.kind} '${targetId}' (${where(other.idSpan)}). ${fix}.`,
    related: [{ span: other.idSpan, message: `${other.kind} '${other.id}'` }],
  });
}

/** v4.0 flags that promise a host the service does not name. */
function checkLegacyFlags(svc: Entity, report: Report): void {
  for (const flag of ['container', 'native']) {
    const e = entryOf(svc.node, flag);
    if (!e || scalar(e.value) !== true) continue;
    report({
      span: { file: svc.node.file, start: e.keyStart, end: e.keyEnd },
      message: `${svc.id} sets ${flag}: true but names no device_ref to run on. Add device_ref (or a runtime block with type ${flag === 'container' ? 'docker' : 'baremetal'} and target_ref).`,
    });
    return;
  }
}
