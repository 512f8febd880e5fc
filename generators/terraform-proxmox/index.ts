/** Terraform for Proxmox VE with the bpg/proxmox provider. */
import { addressesOf, type Entity } from '../../server/src/core';
import { attr, block, expr, hclFile, spaced, type HclValue } from '../emit/hcl';
import { hashHeader } from '../emit/header';
import { terraformOptions } from '../emit/terraform';
import type { GeneratedFile, GeneratorContext, GeneratorModule } from '../types';
import { bridgesFile } from './bridges';
import { guestFiles, type GuestFiles } from './guests';
import { PROXMOX_PROVIDER, providerFiles } from './provider-files';

function outputsFile(ctx: GeneratorContext, guests: GuestFiles): GeneratedFile {
  const ids: Record<string, HclValue> = {};
  const v4: Record<string, HclValue> = {};
  const v6: Record<string, HclValue> = {};
  const guest = (resource: string, entity: Entity, kind: string) => {
    ids[resource] = expr(`${kind}.${resource}.vm_id`);
    const [a4] = addressesOf(ctx.model, entity, 4);
    const [a6] = addressesOf(ctx.model, entity, 6);
    if (a4) v4[resource] = a4.address;
    if (a6) v6[resource] = a6.address;
  };
  for (const { resource, entity } of guests.containers) guest(resource, entity, 'proxmox_virtual_environment_container');
  for (const { resource, entity } of guests.vms) guest(resource, entity, 'proxmox_virtual_environment_vm');
  return {
    path: 'outputs.tf',
    content: hclFile(
      hashHeader(ctx.provenance),
      spaced([
        block('output', ['guest_vm_ids'], [...attr('description', 'Proxmox VM ids of the containers and VMs'), ...attr('value', ids)]),
        block('output', ['guest_ipv4_addresses'], [...attr('description', 'Static IPv4 address of each guest, as the topology declares it'), ...attr('value', v4)]),
        // Only a topology that gives a guest an IPv6 address has this output.
        ...(Object.keys(v6).length
          ? [block('output', ['guest_ipv6_addresses'], [...attr('description', 'Static IPv6 address of each guest, as the topology declares it'), ...attr('value', v6)])]
          : []),
      ]),
    ),
  };
}

export const terraformProxmox: GeneratorModule = {
  options: {
    ...terraformOptions(PROXMOX_PROVIDER),
    node_names: { type: 'map', default: {}, description: 'Proxmox node name per device id (default: the device id).' },
  },
  generate(ctx) {
    const guests = guestFiles(ctx);
    return [...providerFiles(ctx), bridgesFile(ctx), ...guests.files, outputsFile(ctx, guests)];
  },
};
