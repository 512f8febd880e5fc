/**
 * Every Strata command, declared once. package.json `contributes.commands` (a test holds it equal
 * to `paletteCommands()`), the VS Code client, the language server's executeCommandProvider list
 * and the browser editor all read this table.
 */
import { GENERATOR_NAMES, type GeneratorName } from '../server/src/core';

export const COMMANDS = {
  /** Arguments: none, or `[{ force?, folder? }]`; returns a RegenerateCommandResult. */
  regenerateAll: 'strata.regenerateAll',
  /** One command per generator, with the arguments of `regenerateAll`. */
  regenerate: {
    'terraform-proxmox': 'strata.regenerate.terraformProxmox',
    'terraform-mikrotik': 'strata.regenerate.terraformMikrotik',
    ansible: 'strata.regenerate.ansible',
    docs: 'strata.regenerate.docs',
  } satisfies Record<GeneratorName, string>,
  /** The changes of the last regenerate run; the client opens them as diffs. */
  showGeneratedChanges: 'strata.showGeneratedChanges',
  /** How many outputs a regenerate would write or remove, for the code lens. */
  generatedStaleCount: 'strata.generatedStaleCount',
  /** Arguments: a NewServiceOptions (core/kubernetes/scaffold.ts) plus `dryRun`; returns its planned files. */
  newKubernetesService: 'strata.k8s.newService',
  /** Arguments: none lists the pending migrations; `[{ ids, apply? }]` previews or applies them. */
  migrateWorkspace: 'strata.migrateWorkspace',
  /** Arguments: `[uri, position]`; returns Markdown (empty when the cursor is on no storage chain). */
  showStorageChain: 'strata.showStorageChain',
  /** Arguments: none; returns Markdown. */
  showDeployOrder: 'strata.showDeployOrder',
  /** Stops and starts the language server. */
  restartServer: 'strata.restartServer',
  /** Shows the "Strata" output channel (the server's log). */
  showLog: 'strata.showLog',
  /**
   * The "N references" code lens: arguments are `[uri, position, locations]`, the signature of VS
   * Code's `editor.action.showReferences`, so a client can map it onto its own reference view.
   * Executed on the server, it returns the locations.
   */
  showReferences: 'strata.showReferences',
} as const;

export interface Command {
  id: string;
  /** In the command palette under the "Strata" category; absent: not a palette command. */
  title?: string;
  icon?: string;
  /** `server`: the language server runs it (workspace/executeCommand); `client`: the editor alone. */
  runs: 'server' | 'client';
  /** The server runs it only with a disk behind the workspace (it is not offered in a browser). */
  disk?: true;
  /** Writes files: disabled in Restricted Mode. */
  writes?: true;
  /** A read the browser editor answers as well. */
  browser?: true;
}

const REGENERATE_TITLES: Record<GeneratorName, string> = {
  'terraform-proxmox': 'Regenerate Terraform (Proxmox)',
  'terraform-mikrotik': 'Regenerate Terraform (MikroTik)',
  ansible: 'Regenerate Ansible inventory',
  docs: 'Regenerate docs',
};

/** In palette order. */
export const COMMAND_TABLE: readonly Command[] = [
  { id: COMMANDS.regenerateAll, title: 'Regenerate all', icon: '$(refresh)', runs: 'server', disk: true, writes: true },
  ...GENERATOR_NAMES.map((g): Command => ({ id: COMMANDS.regenerate[g], title: REGENERATE_TITLES[g], runs: 'server', disk: true, writes: true })),
  { id: COMMANDS.generatedStaleCount, runs: 'server', disk: true },
  { id: COMMANDS.showGeneratedChanges, title: 'Show generated changes', runs: 'server', disk: true },
  { id: COMMANDS.migrateWorkspace, title: 'Migrate workspace…', runs: 'server', writes: true },
  { id: COMMANDS.newKubernetesService, title: 'New Kubernetes service…', runs: 'server', disk: true, writes: true },
  { id: COMMANDS.showStorageChain, title: 'Show storage chain', runs: 'server', browser: true },
  { id: COMMANDS.showDeployOrder, title: 'Show deploy order', runs: 'server', browser: true },
  { id: COMMANDS.restartServer, title: 'Restart server', runs: 'client' },
  { id: COMMANDS.showLog, title: 'Show log', runs: 'client' },
  { id: COMMANDS.showReferences, runs: 'server' },
];

export const CATEGORY = 'Strata';

/** package.json `contributes.commands`. */
export function paletteCommands(): { command: string; title: string; category: string; icon?: string }[] {
  return COMMAND_TABLE.flatMap((c) => (c.title ? [{ command: c.id, title: c.title, category: CATEGORY, ...(c.icon ? { icon: c.icon } : {}) }] : []));
}

/** "Strata: Regenerate all", as the palette shows it (the id itself for a command with no title). */
export function titleOf(id: string): string {
  const title = COMMAND_TABLE.find((c) => c.id === id)?.title;
  return title ? `${CATEGORY}: ${title}` : id;
}

/** What the language server advertises in executeCommandProvider: without a disk, not those that need one. */
export function serverCommandIds(hasDisk: boolean): string[] {
  return COMMAND_TABLE.filter((c) => c.runs === 'server' && (hasDisk || !c.disk)).map((c) => c.id);
}

/** Disabled in Restricted Mode: they write generated files, migrations or scaffolds. */
export const WRITES_FILES: ReadonlySet<string> = new Set(COMMAND_TABLE.filter((c) => c.writes).map((c) => c.id));

/** The commands the browser editor offers. */
export const BROWSER_COMMANDS: readonly Command[] = COMMAND_TABLE.filter((c) => c.browser);

/** The code lens on the root file: "Regenerate all (N outputs stale)". */
export function regenerateLensTitle(stale: number): string {
  return stale === 0 ? 'Regenerate all (outputs up to date)' : `Regenerate all (${stale} output${stale === 1 ? '' : 's'} stale)`;
}
