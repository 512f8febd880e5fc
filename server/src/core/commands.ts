/**
 * Command and setting ids shared by the language server and the VS Code client, declared once.
 * The client contributes these to the command palette; the server registers them for
 * workspace/executeCommand.
 */
export const GENERATOR_NAMES = ['terraform-proxmox', 'terraform-mikrotik', 'ansible', 'docs'] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

export const COMMANDS = {
  /** "Strata: Regenerate all". Arguments: none. Returns a RegenerateResult. */
  regenerateAll: 'strata.regenerateAll',
  /** One command per generator ("Strata: Regenerate Terraform (Proxmox)", …). */
  regenerate: {
    'terraform-proxmox': 'strata.regenerate.terraformProxmox',
    'terraform-mikrotik': 'strata.regenerate.terraformMikrotik',
    ansible: 'strata.regenerate.ansible',
    docs: 'strata.regenerate.docs',
  } satisfies Record<GeneratorName, string>,
  /** The "Show changes" action of the summary message: opens a diff view of the last run. */
  showGeneratedChanges: 'strata.showGeneratedChanges',
  /** Server-side: how many outputs are stale (new, changed or to be removed), for the code lens. */
  generatedStaleCount: 'strata.generatedStaleCount',
  /** "Strata: New Kubernetes service…". Arguments: a NewServiceOptions (kubernetes/scaffold.ts); returns its planned files. */
  newKubernetesService: 'strata.k8s.newService',
} as const;

export const COMMAND_TITLES: Record<string, string> = {
  [COMMANDS.regenerateAll]: 'Strata: Regenerate all',
  [COMMANDS.regenerate['terraform-proxmox']]: 'Strata: Regenerate Terraform (Proxmox)',
  [COMMANDS.regenerate['terraform-mikrotik']]: 'Strata: Regenerate Terraform (MikroTik)',
  [COMMANDS.regenerate.ansible]: 'Strata: Regenerate Ansible inventory',
  [COMMANDS.regenerate.docs]: 'Strata: Regenerate docs',
  [COMMANDS.showGeneratedChanges]: 'Strata: Show generated changes',
  [COMMANDS.newKubernetesService]: 'Strata: New Kubernetes service…',
};

/** The code lens on topology.yaml: "Regenerate all (N outputs stale)". */
export function regenerateLensTitle(stale: number): string {
  return stale === 0 ? 'Regenerate all (outputs up to date)' : `Regenerate all (${stale} output${stale === 1 ? '' : 's'} stale)`;
}
