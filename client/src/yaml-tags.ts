/**
 * Keeps Strata's include tags in `yaml.customTags` wherever the user set the list themselves: the
 * contributed default covers everyone else, but a value at any level replaces it whole.
 */
import * as vscode from 'vscode';
import { mergeCustomTags } from './custom-tags';

const SECTION = 'yaml';
const KEY = 'customTags';

/** The most specific level that holds a value: the one VS Code reads, and the one to extend. */
function levelInUse(info: ReturnType<vscode.WorkspaceConfiguration['inspect']>): { value: unknown; target: vscode.ConfigurationTarget } | undefined {
  if (info?.workspaceFolderValue !== undefined) return { value: info.workspaceFolderValue, target: vscode.ConfigurationTarget.WorkspaceFolder };
  if (info?.workspaceValue !== undefined) return { value: info.workspaceValue, target: vscode.ConfigurationTarget.Workspace };
  if (info?.globalValue !== undefined) return { value: info.globalValue, target: vscode.ConfigurationTarget.Global };
  return undefined;
}

export async function mergeYamlCustomTags(log: (m: string) => void): Promise<void> {
  const scopes: (vscode.WorkspaceFolder | undefined)[] = vscode.workspace.workspaceFolders?.length ? [...vscode.workspace.workspaceFolders] : [undefined];
  for (const folder of scopes) {
    const config = vscode.workspace.getConfiguration(SECTION, folder);
    const inUse = levelInUse(config.inspect(KEY));
    const merged = inUse && mergeCustomTags(inUse.value);
    if (!inUse || !merged) continue;
    try {
      await config.update(KEY, merged, inUse.target);
      log(`Added Strata's include tags to yaml.customTags (${vscode.ConfigurationTarget[inUse.target]} settings).`);
    } catch (e) {
      log(`Could not add Strata's include tags to yaml.customTags: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
