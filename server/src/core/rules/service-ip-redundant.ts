import { serviceIpJudgements } from '../model/service-ip';
import type { MigrationId } from '../model/migration-ids';
import { holderAt, runtimeAddressInfo } from './address-text';
import { defineRule } from './rule';

export const serviceIpRedundant = defineRule({
  id: 'service-ip-redundant',
  severity: 'hint',
  tags: ['deprecated'],
  category: 'network',
  description: 'A service repeats the IP its runtime target already has.',
  docs: `A service's address derives from [where it runs](../format.md#service-address): for an LXC or VM, the guest NIC in the bound network (\`runtime.network_binding_ref\`, v4.0 \`network_ref\`; v4.0 without a match: the first NIC); for Docker, Podman, native or bare-metal services, the host device's address in that network (its allocation, bridge, or the gateway of a network it manages).

A service \`ip\` equal to that address says nothing new and drifts apart from it the day the container moves. Remove \`ip\` (migration \`external-services\` does, and is the quick fix); hovers and generators resolve the address from the runtime. When the two differ, \`service-ip-conflict\` reports an error instead.`,
  over: 'model',
  check(model, { report }) {
    for (const { holder: h, resolved } of serviceIpJudgements(model).redundant) {
      report({
        span: h.span,
        message: `${h.owner.id} sets ip ${h.address}, which is already the address of its runtime ${resolved.target.kind} ${resolved.target.id} (${holderAt(model, resolved.holder)}). Remove \`ip\`: the address derives from the runtime, and a copy drifts apart from it.`,
        related: [runtimeAddressInfo(resolved)],
        data: { migration: 'external-services' satisfies MigrationId },
      });
    }
  },
});
