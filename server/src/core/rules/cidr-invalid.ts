import { addressModel } from '../model/addresses';
import { defineRule } from './rule';

export const cidrInvalid = defineRule({
  id: 'cidr-invalid',
  severity: 'error',
  category: 'network',
  description: 'A CIDR or an address cannot be read: prefix too long, host bits set, bad octets or groups.',
  docs: `The format's schema checks CIDRs with a regular expression only, so \`10.0.30.0/33\`, \`10.0.30.5/24\` (host bits set) and \`10.0.300.0/24\` pass it and fail later in Terraform or RouterOS. This rule reads every network \`cidr\`, \`ipv6.networks[].prefix\`, \`routing[].destination_cidr\`, \`dhcp_range\`, \`reserved_ranges\` and every address the network rules use (allocations, NICs, gateways, bridges, service and DNS record IPs), IPv4 and IPv6.

A value it cannot read is skipped by the other network rules, so fixing it comes first. The message says what is wrong and, for host bits, which network was meant. \`dhcp\`, \`auto\` and Jinja placeholders (\`{{ … }}\`) are not addresses and are left alone.`,
  over: 'model',
  check(model, { report }) {
    for (const m of addressModel(model).malformed) {
      report({ span: m.span, message: `${m.label}: ${m.error}. Other network checks skip this value until it is fixed.`, data: { value: m.value } });
    }
  },
});
