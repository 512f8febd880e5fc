import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');

/** knip.json names the entry points; what none of them reaches is dead code. */
describe('unused code (knip)', () => {
  it('no unused file, export, type or dependency', function () {
    this.timeout(120000);
    const run = spawnSync(process.execPath, [join(REPO, 'node_modules/knip/bin/knip.js'), '--no-progress'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });
});
