import { ALL_FILES, emptyReads, NONE, READ_EVERYTHING, type Memo, type Reads } from './reads';

type SetField = 'keys' | 'files' | 'refFields' | 'refValues' | 'lines';

function add(reads: Reads, field: SetField, value: string): void {
  let set = reads[field];
  if (set === NONE) reads[field] = set = new Set();
  set.add(value);
}

/**
 * Records what the computations over one workspace read. The workspace holds one (`ws.tracking`)
 * and its trees note their reads into it, so two workspaces analysed in one process do not mix.
 * Computations nest: what an inner one read counts for the one around it too.
 */
export class Tracker {
  private current: Reads | undefined;
  /** Off for an analysis no later one will be given (a one-shot `strata check`): nothing is noted. */
  private recording = true;
  /** The file last noted into which recorder: lookups come in runs on one map, so most notes repeat it. */
  private lastFile: string | undefined;
  private lastFileOf: Reads | undefined;
  /** Where looked-up keys go: the running recorder, or for a check judged by files, the one around it. */
  private keysInto: Reads | undefined;
  /** For a computation that used many memos: which it already refers to. */
  private readonly referred = new WeakMap<Reads, WeakSet<Reads>>();

  isRecording(): boolean {
    return this.recording;
  }

  /** Runs `fn` with recording off: tracked computations then count as reading everything. */
  withoutRecording<T>(fn: () => T): T {
    const [wasRecording, outer] = [this.recording, this.current];
    this.recording = false;
    this.current = undefined;
    try {
      return fn();
    } finally {
      this.recording = wasRecording;
      this.current = outer;
    }
  }

  noteKey(key: string, file?: string): void {
    const current = this.current;
    if (!current) return;
    add(this.keysInto ?? current, 'keys', key);
    if (file !== undefined) this.noteFile(file);
  }

  /** Some map was iterated; without its file known (toJS of a whole tree) it counts as reading every file. */
  noteAllKeys(file?: string): void {
    const current = this.current;
    if (!current) return;
    current.allKeys = true;
    add(current, 'files', file ?? ALL_FILES);
  }

  noteFile(file: string): void {
    const current = this.current;
    if (!current || (file === this.lastFile && current === this.lastFileOf)) return;
    add(current, 'files', file);
    this.lastFile = file;
    this.lastFileOf = current;
  }

  noteRefs(): void {
    if (this.current) this.current.refs = true;
  }

  noteRefField(field: string): void {
    if (this.current) add(this.current, 'refFields', field);
  }

  /**
   * The field of a ref being resolved. A check judged by files is of that ref itself (read again,
   * it is a new object) or finds the ref by value: the field counts only for the computation around it.
   */
  noteResolvedField(field: string): void {
    const into = this.keysInto ?? this.current;
    if (into) add(into, 'refFields', field);
  }

  noteRefValue(value: string): void {
    if (this.current) add(this.current, 'refValues', value);
  }

  noteDeprecated(): void {
    if (this.current) this.current.deprecated = true;
  }

  noteLines(file: string): void {
    if (this.current) add(this.current, 'lines', file);
  }

  /** Adds what another computation read to the one running now (a memoized result was used). */
  replay(reads: Reads): void {
    if (this.current && this.current !== reads) this.refer(this.current, reads);
  }

  /** Runs `fn` recording its reads; they also count for whatever computation encloses it. */
  track<T>(fn: () => T): { value: T; reads: Reads } {
    return this.run(fn, false, false);
  }

  /**
   * `track` for a computation that will be judged by the files it read (`unaffected(…, { by:
   * 'files' })`), such as one entity's check: its keys are not kept with it but go straight to the
   * enclosing computation, which saves a set per entity and merging it.
   */
  trackByFiles<T>(fn: () => T): { value: T; reads: Reads } {
    return this.run(fn, true, false);
  }

  /**
   * A cached derived value that keeps its reads: a hit counts them for the caller, so a rule that
   * finds the address model already built still depends on the fields the build read.
   */
  memoized<K extends object, V>(cache: WeakMap<K, Memo<V>>, key: K, make: () => V): V {
    const hit = cache.get(key);
    if (hit) {
      this.replay(hit.reads);
      return hit.value;
    }
    const { value, reads } = this.run(make, false, true);
    cache.set(key, { value, reads });
    return value;
  }

  /** `byReference`: the enclosing computation refers to these reads (a memo's) instead of copying them. */
  private run<T>(fn: () => T, keysOutside: boolean, byReference: boolean): { value: T; reads: Reads } {
    if (!this.recording) return { value: fn(), reads: READ_EVERYTHING };
    const [outer, outerKeys] = [this.current, this.keysInto];
    const reads = emptyReads();
    this.current = reads;
    this.keysInto = keysOutside && outer ? (outerKeys ?? outer) : reads;
    try {
      return { value: fn(), reads };
    } finally {
      this.current = outer;
      this.keysInto = outerKeys;
      if (outer) {
        if (byReference) this.refer(outer, reads);
        // A check judged by files keeps its files: the computation around it is judged by keys.
        else this.merge(outer, reads, !keysOutside);
      }
    }
  }

  /** Counts `reads` (finished) as read by `into`, by reference, once. */
  private refer(into: Reads, reads: Reads): void {
    const via = into.via;
    if (!via) {
      into.via = [reads];
      return;
    }
    if (via.length < 16) {
      if (via.includes(reads)) return;
    } else {
      let seen = this.referred.get(into);
      if (!seen) {
        seen = new WeakSet(via);
        this.referred.set(into, seen);
      }
      if (seen.has(reads)) return;
      seen.add(reads);
    }
    via.push(reads);
  }

  /**
   * Copies what an earlier computation read, files aside, into the one running now: a rule whose
   * items kept their findings unchecked still depends on the keys those checks read.
   */
  absorb(reads: Reads): void {
    if (this.current && this.current !== reads) this.merge(this.current, reads, false);
  }

  /** A finished computation's reads into the one around it (each finishes once, so each is merged once). */
  private merge(into: Reads, from: Reads, files: boolean): void {
    if (from.via) for (const r of from.via) this.refer(into, r);
    mergeSet(into, 'keys', from.keys);
    if (files) mergeSet(into, 'files', from.files);
    mergeSet(into, 'lines', from.lines);
    mergeSet(into, 'refFields', from.refFields);
    mergeSet(into, 'refValues', from.refValues);
    if (from.allKeys) into.allKeys = true;
    if (from.refs) into.refs = true;
    if (from.deprecated) into.deprecated = true;
  }
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
