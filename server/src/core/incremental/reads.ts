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

/** Where looked-up keys go: the running recorder, or for a check judged by files, the one around it. */
let keysInto: Reads | undefined;

export function noteKey(key: string, file?: string): void {
  if (!current) return;
  add(keysInto ?? current, 'keys', key);
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
  if (current && current !== reads) refer(current, reads);
}

/** Counts `reads` (finished) as read by `into`, by reference, once. */
function refer(into: Reads, reads: Reads): void {
  const via = into.via;
  if (!via) {
    into.via = [reads];
    return;
  }
  if (via.length < 16) {
    if (via.includes(reads)) return;
  } else {
    let seen = referred.get(into);
    if (!seen) referred.set(into, (seen = new WeakSet(via)));
    if (seen.has(reads)) return;
    seen.add(reads);
  }
  via.push(reads);
}

/** For a computation that used many memos: which it already refers to. */
const referred = new WeakMap<Reads, WeakSet<Reads>>();

/** A finished computation's reads into the one around it (each finishes once, so each is merged once). */
function merge(into: Reads, from: Reads): void {
  if (from.via) for (const r of from.via) refer(into, r);
  mergeSet(into, 'keys', from.keys);
  mergeSet(into, 'files', from.files);
  mergeSet(into, 'lines', from.lines);
  mergeSet(into, 'refFields', from.refFields);
  mergeSet(into, 'refValues', from.refValues);
  if (from.allKeys) into.allKeys = true;
  if (from.refs) into.refs = true;
  if (from.deprecated) into.deprecated = true;
}

function mergeSet(into: Reads, field: SetField, from: Set<string>): void {
  if (from.size === 0) return;
  if (into[field] === NONE) {
    // Nothing of its own yet: the finished set can be copied in one go.
    into[field] = new Set(from);
    return;
  }
  for (const x of from) add(into, field, x);
}

/** Runs `fn` recording its reads; they also count for whatever computation encloses it. */
export function track<T>(fn: () => T): { value: T; reads: Reads } {
  return run(fn, false, false);
}

/**
 * `track` for a computation that will be judged by the files it read (`unaffected(…, { by:
 * 'files' })`), such as one entity's check: its keys are not kept with it but go straight to the
 * enclosing computation, which saves a set per entity and merging it.
 */
export function trackByFiles<T>(fn: () => T): { value: T; reads: Reads } {
  return run(fn, true, false);
}

/** `byReference`: the enclosing computation refers to these reads (a memo's) instead of copying them. */
function run<T>(fn: () => T, keysOutside: boolean, byReference: boolean): { value: T; reads: Reads } {
  if (!recording) return { value: fn(), reads: READ_EVERYTHING };
  const [outer, outerKeys] = [current, keysInto];
  const reads = emptyReads();
  current = reads;
  keysInto = keysOutside && outer ? (outerKeys ?? outer) : reads;
  try {
    return { value: fn(), reads };
  } finally {
    current = outer;
    keysInto = outerKeys;
    if (outer) {
      if (byReference) refer(outer, reads);
      else merge(outer, reads);
    }
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
  const { value, reads } = run(make, false, true);
  cache.set(key, { value, reads });
  return value;
}
