import { serviceIpJudgements } from '../model/service-ip';
import { holderAt, runtimeAddressInfo } from './address-text';
import { defineRule } from './rule';

export const serviceIpConflict = defineRule({
  id: 'service-ip-conflict',
  severity: 'error',
  category: 'network',
  description: "A service's explicit IP differs from the address of its runtime target.",
  docs: `A service's address derives from its runtime target in the bound network (see \`service-ip-redundant\` for how). When the service also sets \`ip\` and the two differ, clients configured from \`ip\` (DNS records, firewall rules, \`pg_hba\`) point at an address the service does not listen on.

Decide which one is right: remove \`ip\` if the runtime's address is, or correct the container's NIC / the host's allocation if \`ip\` is. Check \`runtime.network_binding_ref\` too: a binding to the wrong network picks another NIC.`,
  over: 'model',
  check(model, { report }) {
    for (const { holder: h, resolved } of serviceIpJudgements(model).conflicting) {
      report({
        span: h.span,
        message: `${h.owner.id} sets ip ${h.address}, but its runtime ${resolved.target.kind} ${resolved.target.id} has ${resolved.holder.address} (${holderAt(model, resolved.holder)}). Clients configured from \`ip\` would miss the service; remove \`ip\` or correct the runtime's address.`,
        related: [runtimeAddressInfo(resolved)],
        data: { address: resolved.holder.address },
      });
    }
  },
});
