import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256 } from '../../../server/src/core/output/hash';

describe('sha256 (plain TypeScript)', () => {
  it('matches Node for ASCII, Unicode, block boundaries and empty input', () => {
    for (const s of ['', 'abc', 'ü✓𝄞 surrogate', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)]) {
      assert.equal(sha256(s), createHash('sha256').update(s).digest('hex'), JSON.stringify(s.slice(0, 10)));
    }
  });
});
