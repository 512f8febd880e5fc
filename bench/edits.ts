/**
 * The edit the benchmarks make in a file: one ref toggled between its target and a name no entity
 * has, so that every edit changes the file's findings (a publish must follow).
 */
const REF = /^(\s*-?\s*)(target_ref|lxc_ref|device_ref|service_ref|vg_ref|lv_ref): ([a-z0-9-]+)$/m;

export interface RefEdit {
  /** The ref as written, and broken (one line each, without the line end). */
  good: string;
  bad: string;
  /** The next edit: replace the first text with the second. */
  step(): [string, string];
  /** Where a request about the ref goes: the needle to find and how far into it. */
  position(text: string): { needle: string; delta: number };
}

export function refEdit(text: string): RefEdit {
  const m = REF.exec(text);
  if (!m) throw new Error('no ref to edit');
  const [, , field, id] = m;
  const good = `${field}: ${id}\n`;
  const bad = `${field}: ${id}-gone\n`;
  let broken = false;
  return {
    good: good.slice(0, -1),
    bad: bad.slice(0, -1),
    step: () => {
      const edit: [string, string] = broken ? [bad, good] : [good, bad];
      broken = !broken;
      return edit;
    },
    position: () => ({ needle: good, delta: field!.length + 2 + Math.min(3, id!.length) }),
  };
}
