/** The generators Strata has, by the name `.strata.yaml`, `--only` and the settings use. */
export const GENERATOR_NAMES = ['terraform-proxmox', 'terraform-mikrotik', 'ansible', 'docs'] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];
