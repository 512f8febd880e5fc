/**
 * What a computation read of the topology, recorded while it runs so that the next analysis can tell
 * whether an edit could change its result. Field reads are recorded by key name (`KeyMap`), which is
 * coarse on purpose: a rule that reads `ip` anywhere is re-run when any `ip` changes.
 */
export interface Reads {
  /** Keys looked up with `get`/`has` on any map. */
  keys: Set<string>;
  /** Some map was iterated (every key counts). */
  allKeys: boolean;
  /** The ref list or a ref's resolution was read. */
  refs: boolean;
  /** The list of deprecated fields found by extraction was read. */
  deprecated: boolean;
  /** Files whose line numbers went into a message (`file:line`). */
  lines: Set<string>;
}

export function emptyReads(): Reads {
  return { keys: new Set(), allKeys: false, refs: false, deprecated: false, lines: new Set() };
}

let current: Reads | undefined;

export function noteKey(key: string): void {
  if (current) current.keys.add(key);
}

export function noteAllKeys(): void {
  if (current) current.allKeys = true;
}

export function noteRefs(): void {
  if (current) current.refs = true;
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

function merge(into: Reads, from: Reads): void {
  for (const k of from.keys) into.keys.add(k);
  for (const f of from.lines) into.lines.add(f);
  if (from.allKeys) into.allKeys = true;
  if (from.refs) into.refs = true;
  if (from.deprecated) into.deprecated = true;
}

/** Runs `fn` recording its reads; they also count for whatever computation encloses it. */
export function track<T>(fn: () => T): { value: T; reads: Reads } {
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
