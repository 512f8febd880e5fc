/** Every generator, registered once, in the order summaries list them. */
import { ansible } from './ansible/index';
import { docs } from './docs/index';
import { terraformMikrotik } from './terraform-mikrotik/index';
import { terraformProxmox } from './terraform-proxmox/index';
import type { Generator } from './types';

export const GENERATORS: readonly Generator[] = [terraformProxmox, terraformMikrotik, ansible, docs];
