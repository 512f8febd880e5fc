import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkFeatureFixture, type CursorFeature } from '../helpers/check';

/**
 * test/fixtures/features/<feature>/*.fixture: a workspace with a `$0` cursor and the expected
 * rendering of the feature there (`//- @expect`). `UPDATE_EXPECT=1` rewrites expectations.
 */
const ROOT = resolve(__dirname, '../../../test/fixtures/features');
const FEATURES: CursorFeature[] = ['completion', 'hover', 'definition', 'references', 'rename'];

describe('feature fixtures', () => {
  for (const feature of FEATURES) {
    describe(feature, () => {
      const dir = join(ROOT, feature);
      const files = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.fixture'))
            .sort()
        : [];
      for (const f of files) {
        it(f.replace(/\.fixture$/, ''), () => {
          const path = join(dir, f);
          checkFeatureFixture(feature, readFileSync(path, 'utf8'), (t) => writeFileSync(path, t));
        });
      }
    });
  }
});
