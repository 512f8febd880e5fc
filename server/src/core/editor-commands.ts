/**
 * Editor commands besides those of `commands.ts` (generators, Kubernetes scaffold), declared once for the server
 * and the VS Code client. package.json `contributes.commands` lists exactly these and `COMMANDS`
 * (a test holds the three together). The client forwards each one that `SERVER_SIDE` lists to
 * workspace/executeCommand under the same id, and reports when the server does not offer it.
 */
export const EDITOR_COMMANDS = {
  /** Runs every pending format migration over the workspace. Arguments: none. */
  migrateWorkspace: 'strata.migrateWorkspace',
  /** The storage chain under the entity at a position. Arguments: `[uri, position]`; returns Markdown. */
  showStorageChain: 'strata.showStorageChain',
  /** The services' deploy order. Arguments: none; returns Markdown. */
  showDeployOrder: 'strata.showDeployOrder',
  /** Client only: stops and starts the language server. */
  restartServer: 'strata.restartServer',
  /** Client only: shows the "Strata" output channel (the server's log). */
  showLog: 'strata.showLog',
} as const;

export const EDITOR_COMMAND_TITLES: Record<string, string> = {
  [EDITOR_COMMANDS.migrateWorkspace]: 'Strata: Migrate workspace…',
  [EDITOR_COMMANDS.showStorageChain]: 'Strata: Show storage chain',
  [EDITOR_COMMANDS.showDeployOrder]: 'Strata: Show deploy order',
  [EDITOR_COMMANDS.restartServer]: 'Strata: Restart server',
  [EDITOR_COMMANDS.showLog]: 'Strata: Show log',
};

/** Commands the language server executes (the rest are handled in the editor). */
export const SERVER_SIDE: readonly string[] = [EDITOR_COMMANDS.migrateWorkspace, EDITOR_COMMANDS.showStorageChain, EDITOR_COMMANDS.showDeployOrder];
