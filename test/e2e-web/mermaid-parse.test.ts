import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mermaidBlocks } from '../helpers/mermaid-check';

const REPO = resolve(__dirname, '../../..');
const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (p.endsWith('.md')) out.push(p);
  }
  return out;
}

/**
 * Every Mermaid block the docs generator writes parses with Mermaid itself (the npm package, run
 * in Debian's Chromium), not only with our grammar check. The golden files are the generated docs
 * of the samples (golden.test.ts keeps them byte-identical to the generator's output).
 */
describe('generated docs: every Mermaid block parses with mermaid', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set STRATA_CHROMIUM)`);
      this.skip();
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8') });
    await page.evaluate(() => (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false }));
  });

  after(async () => browser?.close());

  const parse = (text: string) =>
    page.evaluate(async (t) => {
      try {
        await (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid.parse(t);
        return 'ok';
      } catch (err) {
        return String((err as Error).message ?? err)
          .split('\n')
          .slice(0, 3)
          .join(' ');
      }
    }, text);

  it('rejects a broken diagram (the parser is real)', async () => {
    assert.notEqual(await parse('flowchart LR\n  a --> b[unclosed'), 'ok');
  });

  for (const sample of ['sample-v4', 'sample-refactored']) {
    it(`${sample}: all blocks of the generated docs`, async () => {
      const files = markdownFiles(join(REPO, 'test/golden', sample, 'docs'));
      let blocks = 0;
      const failures: string[] = [];
      for (const f of files) {
        for (const b of mermaidBlocks(readFileSync(f, 'utf8'))) {
          blocks++;
          const r = await parse(b);
          if (r !== 'ok') failures.push(`${f}: ${r}`);
        }
      }
      assert.ok(blocks >= 5, `only ${blocks} Mermaid blocks`);
      assert.deepEqual(failures, []);
    });
  }
});
