/** versions.tf, provider.tf, variables.tf, terraform.tfvars.example: settings come from options and the topology. */
import { addressesOf, networkView, type AddressHolder } from '../../server/src/core';
import { hashHeader } from '../emit/header';
import { attr, block, expr, hclFile, hclString, spaced } from '../emit/hcl';
import { endpointVariable, versionsBlock, type TerraformProvider } from '../emit/terraform';
import type { GeneratedFile, GeneratorContext } from '../types';
import { proxmoxNodes } from './shared';

export const PROXMOX_PROVIDER: TerraformProvider = { local: 'proxmox', source: 'bpg/proxmox', version: '~> 0.85', endpointVariable: 'proxmox_endpoint', endpointWhat: 'API endpoint' };

export function providerFiles(ctx: GeneratorContext): GeneratedFile[] {
  const header = hashHeader(ctx.provenance);
  const endpointVar = endpointVariable(ctx, PROXMOX_PROVIDER);
  const versions = versionsBlock(ctx, PROXMOX_PROVIDER);
  const provider = block(
    'provider',
    ['proxmox'],
    [...attr('endpoint', expr(`var.${endpointVar}`)), ...attr('api_token', expr('var.proxmox_api_token')), ...attr('insecure', expr('var.proxmox_insecure'))],
  );
  const variables = spaced([
    block('variable', [endpointVar], [...attr('description', 'Proxmox VE API URL, e.g. https://pve.example:8006/'), ...attr('type', expr('string'))]),
    block('variable', ['proxmox_api_token'], [...attr('description', 'API token: user@realm!token=secret'), ...attr('type', expr('string')), ...attr('sensitive', true)]),
    block('variable', ['proxmox_insecure'], [...attr('description', 'Skip TLS verification (self-signed certificates)'), ...attr('type', expr('bool')), ...attr('default', false)]),
    block('variable', ['ssh_public_keys'], [...attr('description', 'SSH public keys installed for the root account of new containers'), ...attr('type', expr('list(string)')), ...attr('default', [])]),
  ]);
  const endpoint = exampleEndpoint(ctx);
  const tfvars = [
    header,
    `${endpointVar} = ${hclString(endpoint)}`,
    `proxmox_api_token = ${hclString('terraform@pve!strata=00000000-0000-0000-0000-000000000000')}`,
    'proxmox_insecure = true',
    'ssh_public_keys = []',
    '',
  ].join('\n');
  return [
    { path: 'versions.tf', content: hclFile(header, [versions]) },
    { path: 'provider.tf', content: hclFile(header, [provider]) },
    { path: 'variables.tf', content: hclFile(header, variables) },
    { path: 'terraform.tfvars.example', content: tfvars },
  ];
}

/** The first node's allocated address, preferring a management network, as the example API URL. */
function exampleEndpoint(ctx: GeneratorContext): string {
  const node = proxmoxNodes(ctx)[0];
  const device = ctx.index.first('device', node);
  const allocations = device ? addressesOf(ctx.model, device).filter((h) => h.kind === 'allocation') : [];
  const management = (h: AddressHolder) => {
    const net = ctx.index.first('network', h.networkId);
    const v = net && networkView(ctx.model, net);
    return v !== undefined && (v.trustZone === 'management' || /manage/i.test(v.name));
  };
  const best = allocations.find(management) ?? allocations[0];
  // A URL writes an IPv6 address in brackets (RFC 3986).
  const host = best ? (best.ip.family === 6 ? `[${best.address}]` : best.address) : (node ?? 'proxmox.example');
  return `https://${host}:8006/`;
}
