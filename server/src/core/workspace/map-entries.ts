/**
 * How a map's entries are collected, shared by both YAML readers (parse-file.ts, block-yaml/) so
 * they agree: a later duplicate key replaces the earlier one and is reported, and `<<` merge keys
 * supply only the keys the map does not set itself.
 */
import type { Finding } from '../types';
import type { Tracker } from '../tracking/tracker';
import { KeyMap, type SEntry, type SMap, type SNode } from './nodes';

/** Adds one `key: value` pair (in source order). */
export function addEntry(map: SMap, entry: SEntry, findings: Finding[]): void {
  const prev = map.byKey.find(entry.key);
  if (prev) {
    findings.push({
      rule: 'yaml-duplicate-key',
      span: { file: map.file, start: entry.keyStart, end: entry.keyEnd },
      message: `Duplicate key \`${entry.key}\`: this value replaces the one on an earlier line, which is lost. Remove or rename one of them.`,
      related: [{ span: { file: map.file, start: prev.keyStart, end: prev.keyEnd }, message: `first \`${entry.key}\`` }],
    });
    map.entries.splice(map.entries.indexOf(prev), 1);
  }
  map.entries.push(entry);
  map.byKey.added(entry);
}

/** The entries a `<<` value supplies: a map, or each map of a sequence. */
export function mergeSources(value: SNode, into: SEntry[]): void {
  const sources = value.kind === 'seq' ? value.items : [value];
  for (const src of sources) if (src.kind === 'map') into.push(...src.entries);
}

/** After the map's own pairs: merged entries fill in the keys it left unset. */
export function applyMerges(map: SMap, merged: SEntry[]): void {
  for (const e of merged) {
    if (map.byKey.find(e.key)) continue;
    map.entries.push(e);
    map.byKey.added(e);
  }
}

export function holdsInclude(value: SNode): boolean {
  return value.kind === 'include' || ((value.kind === 'map' || value.kind === 'seq') && value.hasInclude);
}

/** A new, empty map node (its key index reads its entry list). */
export function emptyMap(file: string, start: number, end: number, tracking?: Tracker): SMap {
  const entries: SEntry[] = [];
  return { kind: 'map', entries, byKey: new KeyMap(file, entries, tracking), file, start, end, hasInclude: false };
}
