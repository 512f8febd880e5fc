import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { now } from '../../server/src/core/clock';

const REPO = resolve(__dirname, '../../..');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'generated') tsFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('clock', () => {
  it('counts milliseconds forward', () => {
    const a = now();
    const until = Date.now() + 5;
    while (Date.now() < until) {
      /* wait 5 ms */
    }
    const b = now();
    assert.ok(Number.isFinite(a) && b - a >= 4, `${a} then ${b}`);
  });

  it('is the only clock of the core and the generators', () => {
    const own = [...tsFiles(join(REPO, 'server/src/core')), ...tsFiles(join(REPO, 'generators'))]
      .map((f) => relative(REPO, f))
      .filter((f) => f !== 'server/src/core/clock.ts' && /performance\.now\(|Date\.now\(/.test(readFileSync(join(REPO, f), 'utf8')));
    assert.deepEqual(own, []);
  });
});
