/** `yaml.customTags`: Strata's include tags are added to the user's own list, never replacing it. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeCustomTags, STRATA_CUSTOM_TAGS } from '../../../client/src/custom-tags';

const REPO = join(__dirname, '../../../..');

describe('client: yaml.customTags merge', () => {
  it("appends the include tags to the user's tags, keeping theirs first and in order", () => {
    assert.deepEqual(mergeCustomTags(['!Ref scalar', '!GetAtt sequence']), ['!Ref scalar', '!GetAtt sequence', '!include scalar', '!include_dir_sorted scalar']);
  });

  it('adds only what is missing, and nothing at all when both are there (however spaced)', () => {
    assert.deepEqual(mergeCustomTags(['!include scalar', '!Ref scalar']), ['!include scalar', '!Ref scalar', '!include_dir_sorted scalar']);
    assert.equal(mergeCustomTags([' !include_dir_sorted   scalar', '!include scalar']), undefined);
  });

  it("another form of the same tag is the user's own entry and stays; the scalar form is still added", () => {
    assert.deepEqual(mergeCustomTags(['!include mapping']), ['!include mapping', '!include scalar', '!include_dir_sorted scalar']);
  });

  it('an absent or malformed value becomes the two tags; entries that are not strings are kept', () => {
    assert.deepEqual(mergeCustomTags(undefined), [...STRATA_CUSTOM_TAGS]);
    assert.deepEqual(mergeCustomTags('!include scalar'), [...STRATA_CUSTOM_TAGS]);
    assert.deepEqual(mergeCustomTags([42, '!include scalar']), [42, '!include scalar', '!include_dir_sorted scalar']);
  });

  it('the contributed default is the same list, for users who set none', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { configurationDefaults: Record<string, unknown> } };
    assert.deepEqual(pkg.contributes.configurationDefaults['yaml.customTags'], [...STRATA_CUSTOM_TAGS]);
  });
});
