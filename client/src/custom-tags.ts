/**
 * `yaml.customTags` for the YAML extension: Strata's include tags added to what the user already
 * has, never replacing it (a user value hides the contributed default). No vscode import.
 */

/** The scalar forms of the include tags, as the YAML extension spells them. */
export const STRATA_CUSTOM_TAGS: readonly string[] = ['!include scalar', '!include_dir_sorted scalar'];

/** `!include   scalar` and `!include scalar` are one entry to the YAML extension. */
const normal = (entry: string) => entry.trim().split(/\s+/).join(' ');

/**
 * The user's list with the missing tags appended, or undefined when nothing is missing (so no
 * setting is written). Entries that are not strings are kept as they are.
 */
export function mergeCustomTags(existing: unknown, ours: readonly string[] = STRATA_CUSTOM_TAGS): unknown[] | undefined {
  const list: unknown[] = Array.isArray(existing) ? [...existing] : [];
  const have = new Set(list.filter((e): e is string => typeof e === 'string').map(normal));
  const missing = ours.filter((t) => !have.has(normal(t)));
  return missing.length > 0 ? [...list, ...missing] : undefined;
}
