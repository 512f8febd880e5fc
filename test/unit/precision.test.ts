import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLES } from '../helpers/samples';
import { claimKey, claimsOf, precisionVariants, readSnapshot, renderSnapshot, SNAPSHOTS, UNREVIEWED } from '../helpers/precision';

/**
 * The precision suite: each bundled sample's warnings and errors are exactly its snapshot's
 * reviewed entries, so a new false positive (or a lost true finding) fails here.
 */
const UPDATE = process.env.STRATA_UPDATE_PRECISION === '1';

describe('precision: every warning and error on the bundled samples is a reviewed entry', () => {
  const samples = fs
    .readdirSync(SAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const name of samples) {
    for (const v of precisionVariants(path.join(SAMPLES, name))) {
      it(v.label, () => {
        const file = path.join(SNAPSHOTS, `${v.label}.txt`);
        const claims = claimsOf(v.files);
        const previous = readSnapshot(file);
        if (UPDATE) fs.writeFileSync(file, renderSnapshot(claims, previous));
        const entries = readSnapshot(file);
        assert.deepEqual(claims.map(claimKey), entries.map(claimKey), `the findings differ from ${path.relative(process.cwd(), file)}`);
        const unreviewed = entries.filter((e) => !e.reason || e.reason === UNREVIEWED).map(claimKey);
        assert.deepEqual(unreviewed, [], 'every entry needs a one-line reason');
      });
    }
  }
});
