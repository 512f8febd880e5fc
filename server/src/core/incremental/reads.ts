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

/**
 * The set every `Reads` starts with, replaced by its own set on the first addition: most
 * computations read few kinds of things, and thousands are recorded per analysis.
 */
const NONE: ReadonlySet<string> = new Set<string>();

export function emptyReads(): Reads {
  const none = NONE as Set<string>;
  return { keys: none, files: none, allKeys: false, refs: false, refFields: none, refValues: none, deprecated: false, lines: none };
}

type SetField = 'keys' | 'files' | 'refFields' | 'refValues' | 'lines';

function add(reads: Reads, field: SetField, value: string): void {
  let set = reads[field];
  if (set === NONE) reads[field] = set = new Set();
  set.add(value);
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

/** The file last noted into which recorder: lookups come in runs on one map, so most notes repeat it. */
let lastFile: string | undefined;
let lastFileOf: Reads | undefined;

export function noteKey(key: string, file?: string): void {
  if (!current) return;
  add(current, 'keys', key);
  if (file !== undefined) noteFile(file);
}

export function noteAllKeys(file?: string): void {
  if (!current) return;
  current.allKeys = true;
  // A map iterated without its file known (toJS of a whole tree) counts as reading every file.
  add(current, 'files', file ?? ALL_FILES);
}

export function noteFile(file: string): void {
  if (!current || (file === lastFile && current === lastFileOf)) return;
  add(current, 'files', file);
  lastFile = file;
  lastFileOf = current;
}

export function noteRefs(): void {
  if (current) current.refs = true;
}

export function noteRefField(field: string): void {
  if (current) add(current, 'refFields', field);
}

export function noteRefValue(value: string): void {
  if (current) add(current, 'refValues', value);
}

export function noteDeprecated(): void {
  if (current) current.deprecated = true;
}

export function noteLines(file: string): void {
  if (current) add(current, 'lines', file);
}

/** Adds what another computation read to the one running now (a memoized result was used). */
export function replay(reads: Reads): void {
  if (current && current !== reads) merge(current, reads);
}

/** Sets already merged into a running computation's reads: a memo hit repeats them often. */
const merged = new WeakMap<Reads, WeakSet<Set<string>>>();

function mergeSet(into: Reads, field: SetField, from: Set<string>, seen: WeakSet<Set<string>>): void {
  if (from.size === 0 || seen.has(from)) return;
  seen.add(from);
  for (const x of from) add(into, field, x);
}

function merge(into: Reads, from: Reads): void {
  let seen = merged.get(into);
  if (!seen) merged.set(into, (seen = new WeakSet()));
  mergeSet(into, 'keys', from.keys, seen);
  mergeSet(into, 'files', from.files, seen);
  mergeSet(into, 'lines', from.lines, seen);
  mergeSet(into, 'refFields', from.refFields, seen);
  mergeSet(into, 'refValues', from.refValues, seen);
  if (from.allKeys) into.allKeys = true;
  if (from.refs) into.refs = true;
  if (from.deprecated) into.deprecated = true;
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
