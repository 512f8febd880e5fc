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
}

export function emptyReads(): Reads {
  return { keys: new Set(), files: new Set(), allKeys: false, refs: false, refFields: new Set(), refValues: new Set(), deprecated: false, lines: new Set() };
}

let current: Reads | undefined;
/** Off for an analysis no later one will be given (a one-shot `strata check`): nothing is noted. */
let recording = true;

/** Stands for every file in `Reads.files` and `Reads.lines`. */
export const ALL_FILES = '\0all';

/** What a computation run without recording counts as having read: everything. */
export const READ_EVERYTHING: Reads = Object.freeze({
  keys: new Set<string>(),
  files: new Set([ALL_FILES]),
  allKeys: true,
  refs: true,
  refFields: new Set<string>(),
  refValues: new Set<string>(),
  deprecated: true,
  lines: new Set([ALL_FILES]),
});

export function isRecording(): boolean {
  return recording;
}

/** Runs `fn` with recording off: tracked computations then count as reading everything. */
export function withoutRecording<T>(fn: () => T): T {
  const [wasRecording, outer] = [recording, current];
  recording = false;
  current = undefined;
  try {
    return fn();
  } finally {
    recording = wasRecording;
    current = outer;
  }
}

export function noteKey(key: string, file?: string): void {
  if (!current) return;
  current.keys.add(key);
  if (file !== undefined) current.files.add(file);
}

export function noteAllKeys(file?: string): void {
  if (!current) return;
  current.allKeys = true;
  // A map iterated without its file known (toJS of a whole tree) counts as reading every file.
  current.files.add(file ?? ALL_FILES);
}

export function noteFile(file: string): void {
  if (current) current.files.add(file);
}

export function noteRefs(): void {
  if (current) current.refs = true;
}

export function noteRefField(field: string): void {
  if (current) current.refFields.add(field);
}

export function noteRefValue(value: string): void {
  if (current) current.refValues.add(value);
}

export function noteDeprecated(): void {
  if (current) current.deprecated = true;
}

export function noteLines(file: string): void {
  if (current) current.lines.add(file);
}

/** Adds what another computation read to the one running now (a memoized result was used). */
export function replay(reads: Reads): void {
  if (current && current !== reads) merge(current, reads);
}

/** Sets already merged into a running computation's reads: a memo hit repeats them often. */
const merged = new WeakMap<Reads, WeakSet<Set<string>>>();

function mergeSet(into: Set<string>, from: Set<string>, seen: WeakSet<Set<string>>): void {
  if (from.size === 0 || seen.has(from)) return;
  seen.add(from);
  for (const x of from) into.add(x);
}

function merge(into: Reads, from: Reads): void {
  let seen = merged.get(into);
  if (!seen) merged.set(into, (seen = new WeakSet()));
  mergeSet(into.keys, from.keys, seen);
  mergeSet(into.files, from.files, seen);
  mergeSet(into.lines, from.lines, seen);
  mergeSet(into.refFields, from.refFields, seen);
  mergeSet(into.refValues, from.refValues, seen);
  if (from.allKeys) into.allKeys = true;
  if (from.refs) into.refs = true;
  if (from.deprecated) into.deprecated = true;
}

/** Equal sets of finished computations become one object, so merging them again is skipped. */
const interned = new Map<string, Set<string>>();
const MAX_INTERNED = 10_000;

function intern(set: Set<string>): Set<string> {
  if (set.size === 0 || set.size > 64) return set;
  const sig = [...set].sort().join('\0');
  const hit = interned.get(sig);
  if (hit) return hit;
  if (interned.size < MAX_INTERNED) interned.set(sig, set);
  return set;
}

/** Runs `fn` recording its reads; they also count for whatever computation encloses it. */
export function track<T>(fn: () => T): { value: T; reads: Reads } {
  if (!recording) return { value: fn(), reads: READ_EVERYTHING };
  const outer = current;
  const reads = emptyReads();
  current = reads;
  try {
    return { value: fn(), reads };
  } finally {
    current = outer;
    // Done: nothing adds to these sets any more, so equal ones can be shared.
    reads.keys = intern(reads.keys);
    reads.files = intern(reads.files);
    if (outer) merge(outer, reads);
  }
}

export interface Memo<V> {
  value: V;
  reads: Reads;
}

/**
 * A cached derived value that keeps its reads: a hit counts them for the caller, so a rule that
 * finds the address model already built still depends on the fields the build read.
 */
export function memoized<K extends object, V>(cache: WeakMap<K, Memo<V>>, key: K, make: () => V): V {
  const hit = cache.get(key);
  if (hit) {
    replay(hit.reads);
    return hit.value;
  }
  const { value, reads } = track(make);
  cache.set(key, { value, reads });
  return value;
}
