/**
 * Every generator, registered once, in the order summaries list them: its identity here (what
 * each field means is in types.ts `Generator`), its options and files from its own module.
 */
import { ansible } from './ansible/index';
import { docs } from './docs/index';
import { terraformMikrotik } from './terraform-mikrotik/index';
import { terraformProxmox } from './terraform-proxmox/index';
import type { Generator } from './types';

/** The root key of each layer, by number. */
const ROOT_KEYS = ['L0_meta', 'L1_foundation', 'L2_network', 'L3_data', 'L4_platform', 'L5_application', 'L6_observability', 'L7_operations'] as const;
const layers = (...numbers: (0 | 1 | 2 | 3 | 4 | 5 | 6 | 7)[]): string[] => numbers.map((n) => ROOT_KEYS[n]);

export const GENERATORS: readonly Generator[] = [
  { name: 'terraform-proxmox', title: 'Terraform (Proxmox)', folder: 'terraform/proxmox', version: '1', layers: layers(1, 2, 3, 4, 7), ...terraformProxmox },
  { name: 'terraform-mikrotik', title: 'Terraform (MikroTik)', folder: 'terraform/mikrotik', version: '4', layers: layers(0, 1, 2, 4, 5), ...terraformMikrotik },
  { name: 'ansible', title: 'Ansible inventory', folder: 'ansible', version: '1', layers: layers(1, 2, 4, 5, 7), ...ansible },
  { name: 'docs', title: 'Docs', folder: 'docs', version: '1', layers: layers(0, 1, 2, 3, 4, 5, 6, 7), ...docs },
];
