/** Driving the VS Code workbench in Chromium with playwright-core: each step waits on what it needs to see. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { chromiumPath, REPO } from './code-server';

export const ARTIFACTS = join(REPO, 'test-results/e2e');
const STEP_MS = 60_000;

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(url: string): Promise<Workbench> {
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      // The flags this machine needs: no sandbox as root, no GPU, and no background connections
      // (the network is closed, and Chromium's own requests would be refused many at a time).
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_MS });
    return new Workbench(browser, page);
  }

  private languageStatusHover(): Locator {
    return this.page.locator('.monaco-hover:visible', { has: this.page.locator('.hover-language-status') }).first();
  }

  /**
   * Opens the language status hover (the `{}` beside the language mode of the active YAML editor)
   * until Strata's entries there read `pattern`, and leaves it open; returns the hover. A shown
   * hover may not update, so each try closes it and opens it again.
   */
  async languageStatus(pattern: RegExp): Promise<Locator> {
    const hover = this.languageStatusHover();
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await this.page.locator('#status\\.languageStatus').click({ timeout: STEP_MS });
      let text = '';
      try {
        await hover.waitFor({ timeout: 3000 });
        text = (await hover.locator('.hover-language-status').allTextContents()).join('\n');
        if (pattern.test(text)) return hover;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`the language status reads ${JSON.stringify(text)}, not ${pattern}`);
      await this.closeLanguageStatus();
    }
  }

  /** Closes the language status hover: Escape, or a click on the title bar where the hover keeps no focus. */
  async closeLanguageStatus(): Promise<void> {
    const hover = this.languageStatusHover();
    if (!(await hover.isVisible())) return;
    await this.page.keyboard.press('Escape');
    try {
      await hover.waitFor({ state: 'hidden', timeout: 1000 });
    } catch {
      await this.page.locator('.part.titlebar').click({ position: { x: 600, y: 10 } });
      await hover.waitFor({ state: 'hidden', timeout: STEP_MS });
    }
  }

  /** The link (command) titled `title` in the open language status hover. */
  languageStatusLink(hover: Locator, title: string): Locator {
    return hover.locator('.hover-language-status .right a', { hasText: title }).first();
  }

  /** F1, type the command's title, pick it. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill(`>${title}`);
    // The row labelled exactly so: the first row may be another command that matches the words.
    await this.pick(title);
  }

  /** In the open quick pick, the row labelled `label` (or `<group>: label`), clicked. */
  async pick(label: string): Promise<void> {
    // A row with an icon reads ` label`.
    const exact = new RegExp(`^\\s*(?:.*: )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
    await row.waitFor({ timeout: STEP_MS });
    await row.click();
  }

  /** Quick Open (Ctrl+P) a file by its path relative to the workspace, and wait for its editor. */
  async openFile(relative: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill(relative);
    const name = relative.split('/').pop() ?? relative;
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: STEP_MS });
  }

  /** The span of the active editor's text that is exactly `text` (one token). */
  token(text: string): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-line span span', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  }

  /** Ctrl+G `line:column` in the active editor. */
  async goToLine(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
  }

  /**
   * Ctrl+. at the cursor (the menu the lightbulb opens) and the titles it lists; waits for the
   * menu or for the editor's "No code actions available", so an empty answer is seen, not timed.
   */
  async codeActionTitles(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const none = this.page.locator('.monaco-editor-overlaymessage', { hasText: /No code actions/i });
    await Promise.race([rows.first().waitFor({ timeout: STEP_MS }), none.waitFor({ timeout: STEP_MS })]);
    return (await rows.count()) > 0 ? rows.locator('.title').allTextContents() : [];
  }

  /**
   * Hovers `target` until a hover containing `text` shows. Content arriving late (code lenses)
   * can move the line under a resting mouse, so each try moves away and back, and waits on the
   * hover itself.
   */
  async hoverUntil(target: Locator, text: string): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:visible', { hasText: text }).first();
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await this.page.mouse.move(0, 0);
      await target.hover();
      try {
        await hover.waitFor({ timeout: 3000 });
        return hover;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /** In the open code action menu, moves the focus to the action titled `title` and applies it. */
  async applyCodeAction(title: string): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      const focused = await this.page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label', { timeout: STEP_MS });
      if (focused === title) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no code action titled ${title} (${(await rows.locator('.title').allTextContents()).join('; ')})`);
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
