/** Runs inside VS Code's extension host, on a copy of sample-broken (see ../electron.test.ts). */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { paletteCommands } from '../../../shared/commands';

const workspace = process.env.STRATA_TEST_WORKSPACE ?? '';
const file = (rel: string) => vscode.Uri.file(join(workspace, rel));

/** Polls a condition; the bound keeps a broken server from hanging the suite. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function positionOf(uri: vscode.Uri, text: string): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} not in ${uri.fsPath}`);
  return doc.positionAt(offset + 1);
}

describe('Strata in VS Code', () => {
  it('activates in a workspace with topology.yaml', async () => {
    const { publisher, name } = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { publisher: string; name: string };
    const ext = vscode.extensions.getExtension(`${publisher}.${name}`);
    assert.ok(ext, 'extension not installed');
    await until('activation', () => (ext.isActive ? true : undefined));
  });

  it('publishes the broken sample diagnostics, with rule ids and docs links', async () => {
    const uri = file('topology/L5-application/services/svc-grafana.yaml');
    const diagnostics = await until('diagnostics of svc-grafana.yaml', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'strata');
      return d.length >= 2 ? d : undefined;
    });
    const unknown = diagnostics.find((d) => /lxc-monitorng/.test(d.message));
    assert.ok(unknown);
    assert.equal(typeof unknown.code === 'object' ? unknown.code.value : unknown.code, 'ref-unknown');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
  });

  it("hover on a service's runtime ref shows the resolved IP", async () => {
    const uri = file('topology/L5-application/services/svc-postgresql.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, await positionOf(uri, 'lxc-postgresql'));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /10\.0\.30\.10/);
  });

  it('definition of a ref goes to the entity', async () => {
    const uri = file('topology/L5-application/services/svc-postgresql.yaml');
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, await positionOf(uri, 'lxc-postgresql'));
    assert.ok(defs.length > 0);
    const target = 'targetUri' in defs[0]! ? defs[0].targetUri : defs[0]!.uri;
    assert.match(target.fsPath, /L4-platform/);
  });

  it('registers every contributed command, and Restart server brings the diagnostics back', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const { command: id } of paletteCommands()) assert.ok(all.has(id), `${id} is not registered`);
    await vscode.commands.executeCommand('strata.restartServer');
    const uri = file('topology/L5-application/services/svc-grafana.yaml');
    await until('diagnostics after the restart', () => (vscode.languages.getDiagnostics(uri).some((d) => d.source === 'strata') ? true : undefined));
  });
});
