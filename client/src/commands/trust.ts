/** Restricted Mode: reading the topology is safe, writing files into the workspace is not. */
import { WRITES_FILES, titleOf } from '../../../shared/commands';
import * as vscode from 'vscode';

export function trustMessage(id: string): string {
  return `${titleOf(id)} writes files, so it is disabled in Restricted Mode. Trust this workspace to use it; diagnostics, hovers and navigation work without trust.`;
}

/** True when the command may run; otherwise says why and offers the trust editor. */
export async function allowedHere(id: string): Promise<boolean> {
  if (!WRITES_FILES.has(id) || vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  if ((await vscode.window.showWarningMessage(trustMessage(id), manage)) === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
