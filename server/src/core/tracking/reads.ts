/**
 * What a computation read of the topology, recorded while it runs so that the next analysis can tell
 * whether an edit could change its result. Field reads are recorded by key name (`KeyMap`), which is
 * coarse on purpose: a rule that reads `ip` anywhere is re-run when any `ip` changes.
 */
export interface Reads {
  /** Keys looked up with `get`/`has` on any map. */
  keys: Set<string>;
  /** Files of the maps read: what reads nothing of an edited file is not affected by the edit. */
  files: Set<string>;
  /** Some map was iterated (every key counts). */
  allKeys: boolean;
  /** The whole ref list was read (every ref counts). */
  refs: boolean;
  /** Refs read by field: the field names and the keys on their paths. */
  refFields: Set<string>;
  /** Refs read by the id they name. */
  refValues: Set<string>;
  /** The list of deprecated fields found by extraction was read. */
  deprecated: boolean;
  /** Files whose line numbers went into a message (`file:line`). */
  lines: Set<string>;
  /**
   * Finished computations whose results this one used (memoized values): their reads count as this
   * one's, kept by reference rather than copied, since thousands of checks share one memo.
   */
  via?: Reads[];
}

/** A cached derived value with what making it read. */
export interface Memo<V> {
  value: V;
  reads: Reads;
}

/**
 * The set every `Reads` starts with, replaced by its own set on the first addition: most
 * computations read few kinds of things, and thousands are recorded per analysis. Never added to.
 */
export const NONE: ReadonlySet<string> = Object.freeze(new Set<string>());

export function emptyReads(): Reads {
  const none = NONE as Set<string>;
  return { keys: none, files: none, allKeys: false, refs: false, refFields: none, refValues: none, deprecated: false, lines: none };
}

/** Stands for every file in `Reads.files` and `Reads.lines`. */
export const ALL_FILES = '\0all';

/** What a computation run without recording counts as having read: everything. */
export const READ_EVERYTHING: Reads = Object.freeze({
  keys: NONE as Set<string>,
  files: new Set([ALL_FILES]),
  allKeys: true,
  refs: true,
  refFields: NONE as Set<string>,
  refValues: NONE as Set<string>,
  deprecated: true,
  lines: new Set([ALL_FILES]),
});
