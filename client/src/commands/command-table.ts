/** Which Strata commands exist, what they are called and which of them write files. */
import { COMMANDS, COMMAND_TITLES } from '../../../server/src/core/commands';
import { EDITOR_COMMANDS, EDITOR_COMMAND_TITLES } from '../../../server/src/core/editor-commands';

/** Disabled in Restricted Mode: they write generated files, migrations or scaffolds. */
export const WRITES_FILES: ReadonlySet<string> = new Set([COMMANDS.regenerateAll, ...Object.values(COMMANDS.regenerate), EDITOR_COMMANDS.migrateWorkspace, COMMANDS.newKubernetesService]);

export function titleOf(id: string): string {
  return COMMAND_TITLES[id] ?? EDITOR_COMMAND_TITLES[id] ?? id;
}
