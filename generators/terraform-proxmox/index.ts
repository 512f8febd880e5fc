/** Terraform for Proxmox VE with the bpg/proxmox provider. */
import { nics } from '../../server/src/core/model/canonical';
import { attr, block, expr, hclFile, spaced, type HclValue } from '../emit/hcl';
import { hashHeader } from '../emit/header';
import type { GeneratedFile, Generator, GeneratorContext } from '../types';
import { bridgesFile } from './bridges';
import { guestFiles, type GuestFiles } from './guests';
import { providerFiles } from './provider-files';

function outputsFile(ctx: GeneratorContext, guests: GuestFiles): GeneratedFile {
  const ids: Record<string, HclValue> = {};
  const ips: Record<string, HclValue> = {};
  for (const { resource, entity } of guests.containers) {
    ids[resource] = expr(`proxmox_virtual_environment_container.${resource}.vm_id`);
    const ip = nics(entity).find((n) => n.ip)?.ip;
    if (ip) ips[resource] = ip;
  }
  for (const { resource, entity } of guests.vms) {
    ids[resource] = expr(`proxmox_virtual_environment_vm.${resource}.vm_id`);
    const ip = nics(entity).find((n) => n.ip)?.ip;
    if (ip) ips[resource] = ip;
  }
  return {
    path: 'outputs.tf',
    content: hclFile(
      hashHeader(ctx.provenance),
      spaced([
        block('output', ['guest_vm_ids'], [...attr('description', 'Proxmox VM ids of the containers and VMs'), ...attr('value', ids)]),
        block('output', ['guest_ipv4_addresses'], [...attr('description', 'Static IPv4 address of each guest, as the topology declares it'), ...attr('value', ips)]),
      ]),
    ),
  };
}

export const terraformProxmox: Generator = {
  name: 'terraform-proxmox',
  version: '1',
  title: 'Terraform (Proxmox)',
  folder: 'terraform/proxmox',
  layers: ['L1_foundation', 'L2_network', 'L3_data', 'L4_platform', 'L7_operations'],
  options: {
    provider_version: { type: 'string', default: '~> 0.85', description: 'Version constraint of the bpg/proxmox provider.' },
    terraform_version: { type: 'string', default: '>= 1.5', description: 'required_version of Terraform.' },
    endpoint_variable: { type: 'string', default: 'proxmox_endpoint', description: 'Name of the variable holding the API endpoint.' },
    node_names: { type: 'map', default: {}, description: 'Proxmox node name per device id (default: the device id).' },
  },
  generate(ctx) {
    const guests = guestFiles(ctx);
    return [...providerFiles(ctx), bridgesFile(ctx), ...guests.files, outputsFile(ctx, guests)];
  },
};
