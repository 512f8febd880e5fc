/**
 * End-to-end: the packaged .vsix installed into a real VS Code (code-server) and driven in
 * Chromium. One workbench on a copy of test-fixtures/sample-broken (two dangling refs, one unknown
 * field), a second on a copy of sample-v4 (v4.0 shapes) for the migration fix. Screenshots go to
 * test-results/e2e/; README uses copies of them in images/.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCodeServer, packageVsix, REPO, startCodeServer, type RunningCodeServer } from './code-server';
import { waitFor } from './wait';
import { ARTIFACTS, Workbench } from './workbench';

const found = findCodeServer();
/** The screenshots README shows (images/screenshot-<name>.png). */
const README_SHOTS = ['language-status', 'problems', 'hover', 'quick-fix', 'task', 'walkthrough'];
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { title: string }[] }[] } };
const WALKTHROUGH_STEPS = pkg.contributes.walkthroughs[0]?.steps.map((st) => st.title) ?? [];
const STEP_MS = 60_000;

function copySample(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'strata-ws-')), name);
  cpSync(join(REPO, 'test-fixtures', name), dir, { recursive: true });
  return dir;
}

/** `Strata: 2 errors, 1 warning`, as the language status says it (its detail). */
function countsPattern({ errors, warnings }: { errors: number; warnings: number }): RegExp {
  return new RegExp(`Strata: ${errors} errors?, ${warnings} warnings?`);
}

/** What `strata check` counts in the same folder: the language status must agree with the CLI. */
function cliCounts(dir: string): { errors: number; warnings: number } {
  const r = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8' });
  const summary = (JSON.parse(r.stdout) as { summary: { errors: number; warnings: number } }).summary;
  return { errors: summary.errors, warnings: summary.warnings };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('end-to-end: the .vsix in VS Code (code-server) and Chromium', function () {
  this.timeout(180_000);
  let server: RunningCodeServer | undefined;
  let wb: Workbench | undefined;
  let workspace = '';

  before(async function () {
    if ('reason' in found) {
      console.log(`    skipped: ${found.reason}`);
      this.skip();
    }
    const vsix = packageVsix(mkdtempSync(join(tmpdir(), 'strata-vsix-')));
    server = await startCodeServer(found.path, vsix);
    workspace = copySample('sample-broken');
    wb = await Workbench.open(server.url(workspace));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await wb.screenshot(`failed-${this.currentTest.title.replace(/[^\w]+/g, '-').slice(0, 60)}`);
  });

  after(async () => {
    // The screenshots README shows, refreshed on request so a routine run leaves images/ alone.
    if (process.env.STRATA_UPDATE_SCREENSHOTS) {
      for (const name of README_SHOTS) {
        const shot = join(ARTIFACTS, `${name}.png`);
        if (existsSync(shot)) copyFileSync(shot, join(REPO, 'images', `screenshot-${name}.png`));
      }
    }
    await wb?.close();
    await server?.stop();
  });

  const bench = () => {
    assert.ok(wb, 'the workbench did not open');
    return wb;
  };
  /** The language status comes to show the counts `strata check` gives for the workspace now. */
  const statusAgreesWithCli = async (w: Workbench) => {
    await w.languageStatus(countsPattern(cliCounts(workspace)));
    await w.closeLanguageStatus();
  };

  it('activates, starts the server and shows the problem counts in the language status', async () => {
    const { errors, warnings } = cliCounts(workspace);
    assert.ok(errors >= 2, `the broken sample should have its two dangling refs, the CLI found ${errors} errors`);
    const w = bench();
    await w.openFile('topology.yaml');
    const hover = await w.languageStatus(countsPattern({ errors, warnings }));
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /Server running/);
    for (const link of ['Problems', 'Restart', 'Show log']) assert.ok(await w.languageStatusLink(hover, link).isVisible(), `no ${link} link in the language status`);
    await w.screenshot('language-status');
  });

  it('the language status links to Problems, to the log and to Restart', async () => {
    const w = bench();
    await w.languageStatusLink(await w.languageStatus(/Server running/), 'Problems').click();
    const row = w.page.locator('.markers-panel .monaco-list-row', { hasText: "Did you mean 'lxc-monitoring'?" }).first();
    await row.waitFor({ timeout: STEP_MS });
    assert.match((await row.textContent()) ?? '', /'lxc-monitorng'.*no lxc has that id/);
    await w.screenshot('problems');
    await w.languageStatusLink(await w.languageStatus(/Server running/), 'Show log').click();
    // The output view's text, where Monaco writes each space as a no-break space.
    await w.page
      .locator('.part.panel .monaco-editor .view-lines', { hasText: /analysed\s\d+\sfiles/ })
      .first()
      .waitFor({ timeout: STEP_MS });
    await w.languageStatusLink(await w.languageStatus(/Server running/), 'Restart').click();
    await w.page
      .locator('.part.panel .monaco-editor .view-lines', { hasText: /Restarting\sthe\slanguage\sserver\son\srequest/ })
      .first()
      .waitFor({ timeout: STEP_MS });
    await statusAgreesWithCli(w);
  });

  it("hovering a service's runtime ref shows its resolved IP", async () => {
    const w = bench();
    await w.openFile('topology/L5-application/services/svc-postgresql.yaml');
    const hover = await w.hoverUntil(w.token('lxc-postgresql'), '10.0.30.10');
    assert.match((await hover.textContent()) ?? '', /10\.0\.30\.10/);
    await w.screenshot('hover');
    await w.page.keyboard.press('Escape');
  });

  it('"Strata: Regenerate all" from the command palette writes the generated files; "Show changes" opens a diff', async () => {
    const w = bench();
    await w.runCommand('Strata: Regenerate all');
    const done = w.notification(/Regenerate all.*(written|up to date|done)/);
    await done.waitFor({ timeout: STEP_MS });
    const written = await waitFor('generated files on disk', () => filesUnder(join(workspace, 'generated')).length > 0 && filesUnder(join(workspace, 'generated')), STEP_MS);
    assert.ok(
      written.some((f) => f.endsWith('.tf')),
      `no Terraform among ${written.length} generated files`,
    );
    await w.screenshot('regenerate');
    // The summary's "Show changes" action: pick a generated file, see it against its previous content.
    await done.getByRole('button', { name: 'Show changes' }).click({ timeout: STEP_MS });
    const pick = w.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'lxc.tf' }).first();
    await pick.waitFor({ timeout: STEP_MS });
    await pick.click();
    await w.page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: STEP_MS });
    await w.page.locator('.tab', { hasText: 'before ↔ after regenerate' }).first().waitFor({ timeout: STEP_MS });
    await w.page.locator('.monaco-diff-editor .modified .view-lines', { hasText: 'proxmox_virtual_environment_container' }).first().waitFor({ timeout: STEP_MS });
    await w.screenshot('regenerate-show-changes');
  });

  it('a quick fix from the lightbulb changes the file on disk', async () => {
    const w = bench();
    const file = join(workspace, 'topology/L5-application/services/svc-grafana.yaml');
    await w.openFile('topology/L5-application/services/svc-grafana.yaml');
    await w.token('lxc-monitorng').click();
    const bulb = w.page.locator('.lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible', timeout: STEP_MS });
    await bulb.click();
    await w.page.locator('.action-widget .monaco-list-row.action', { hasText: "Replace with 'lxc-monitoring'" }).first().waitFor({ timeout: STEP_MS });
    await w.screenshot('quick-fix');
    await w.applyCodeAction("Replace with 'lxc-monitoring'");
    await w.page.keyboard.press('Control+S');
    await waitFor('the fix saved to disk', () => /target_ref: lxc-monitoring\s/.test(readFileSync(file, 'utf8')), STEP_MS);
    await statusAgreesWithCli(w);
  });

  it('the `strata: check` task runs the CLI and its problem matcher puts the findings in Problems', async () => {
    const w = bench();
    await w.runCommand('Tasks: Run Task');
    await w.pick('strata');
    await w.pick('check');
    // The task's terminal comes up, and again when the task exits 1 (there are errors): the Problems tab
    // beside it is clicked until it shows the row the CLI reported (source `strata check`).
    const row = w.page.locator('.markers-panel .monaco-list-row', { hasText: /strata check.*ref-unknown|names 'svc-postgres'.*strata check/ }).first();
    const tab = w.page.locator('.part.panel .composite-bar .action-label', { hasText: /^Problems$/i }).first();
    await waitFor(
      "the task's finding in Problems",
      async () => {
        await tab.click({ timeout: STEP_MS });
        return row.waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        );
      },
      STEP_MS,
    );
    assert.match((await row.textContent()) ?? '', /'svc-postgres'/);
    await w.page.mouse.move(0, 0); // no tab tooltip in the picture
    await w.screenshot('task');
  });

  it('the walkthrough opens and shows its steps', async () => {
    const w = bench();
    await w.runCommand('Welcome: Open Walkthrough...');
    await w.pick('Get started with Strata');
    for (const title of WALKTHROUGH_STEPS) await w.page.locator('.getting-started-step', { hasText: title }).first().waitFor({ timeout: STEP_MS });
    await w.screenshot('walkthrough');
  });

  it('a migration quick fix on a deprecated value (a struck-through hint) is offered by Ctrl+. and rewrites a v4.0 shape', async () => {
    assert.ok(server);
    const v4 = copySample('sample-v4');
    const file = join(v4, 'topology/L3-data.yaml');
    const before = readFileSync(file, 'utf8');
    const w2 = await Workbench.open(server.url(v4));
    try {
      // The server running and the workspace analysed (the language status shows with a YAML editor), then the file.
      await w2.openFile('topology.yaml');
      await w2.languageStatus(/Strata: \d+ errors?, \d+ warnings?/);
      await w2.closeLanguageStatus();
      await w2.openFile('topology/L3-data.yaml');
      // `type: database` of data asset data-postgresql-db: deprecated-field, migration data-asset-taxonomy.
      const lines = before.split('\n');
      const line = lines.findIndex((l, i) => i > lines.indexOf('- id: data-postgresql-db') && l === '  type: database') + 1;
      assert.ok(line > 0, 'sample-v4 has data-postgresql-db with a flat type');
      // A deprecated hint is drawn struck through, not underlined: nothing to hover, so the user
      // puts the cursor on the value and asks for quick fixes (Ctrl+.).
      await w2.page.locator('.editor-instance .monaco-editor .squiggly-inline-deprecated').first().waitFor({ timeout: STEP_MS });
      await w2.goToLine(line, 3);
      const offered = await w2.codeActionTitles();
      const migration = offered.find((t) => /^Migrate: Data-asset category and criticality$/.test(t));
      if (!migration) await w2.screenshot('migration-not-offered');
      assert.ok(migration, `the migration quick fix is offered (code actions here: ${offered.join('; ') || 'none'})`);
      await w2.screenshot('migration-fix');
      await w2.applyCodeAction(migration);
      // The chosen fix's edit comes from codeAction/resolve: save once the editor holds it.
      await w2.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: /category:\s+database/ }).waitFor({ timeout: STEP_MS });
      await w2.page.keyboard.press('Control+S');
      // The editor saves in place: wait for the migrated text, not for the first change (a truncated file).
      const after = await waitFor(
        'the migrated file on disk',
        () => {
          const text = readFileSync(file, 'utf8');
          return /category: database/.test(text) ? text : false;
        },
        STEP_MS,
      );
      assert.match(after, /id: data-postgresql-db[\s\S]*?category: database/);
    } catch (e) {
      await w2.screenshot('failed-migration-fix');
      throw e;
    } finally {
      await w2.close();
    }
  });
});
