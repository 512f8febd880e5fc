/**
 * What a generator reads: the files under the root keys it declares (followed through includes),
 * and a hash over their texts, its version and its options. Equal hash = nothing to regenerate.
 */
import { deref, sha256, type Assembly, type SInclude } from '../server/src/core';

const layerCache = new WeakMap<Assembly, Map<string, string[]>>();
const textHashes = new Map<string, { text: string; hash: string }>();

/** Files that contribute to each root key, computed once per assembly. */
export function filesByLayer(assembly: Assembly): Map<string, string[]> {
  const hit = layerCache.get(assembly);
  if (hit) return hit;
  const out = new Map<string, string[]>();
  const targets = new Map<SInclude, string[]>();
  for (const e of assembly.edges) targets.set(e.include, e.targets);
  const rootFile = assembly.files[0];
  const root = deref(assembly.root);
  const rootParsed = rootFile ? assembly.parsed.get(rootFile) : undefined;
  if (root?.kind === 'map' && rootFile && rootParsed) {
    for (const entry of root.entries) {
      const v = entry.value;
      const files = new Set<string>();
      const queue: string[] = [];
      for (const inc of rootParsed.includes) {
        if (inc.start >= v.start && inc.end <= v.end) for (const t of targets.get(inc) ?? []) queue.push(t);
      }
      while (queue.length) {
        const f = queue.pop()!;
        if (files.has(f)) continue;
        files.add(f);
        for (const inc of assembly.parsed.get(f)?.includes ?? []) for (const t of targets.get(inc) ?? []) queue.push(t);
      }
      out.set(entry.key, [...files].sort());
    }
  }
  layerCache.set(assembly, out);
  return out;
}

export function sourcesFor(assembly: Assembly, layers: string[]): string[] {
  const byLayer = filesByLayer(assembly);
  const set = new Set<string>(assembly.files[0] ? [assembly.files[0]] : []);
  for (const l of layers) for (const f of byLayer.get(l) ?? []) set.add(f);
  return [...set].sort();
}

/** Hex SHA-256 of a text; Node passes its native one, the browser uses the plain-TypeScript one. */
export type Hasher = (text: string) => string;

function fileHash(path: string, text: string, hash256: Hasher): string {
  const hit = textHashes.get(path);
  if (hit && hit.text === text) return hit.hash;
  const hash = hash256(text);
  textHashes.set(path, { text, hash });
  return hash;
}

export function inputHash(assembly: Assembly, sources: string[], identity: Record<string, unknown>, hash256: Hasher = sha256): string {
  const parts = sources.map((f) => `${f}\u0000${fileHash(f, assembly.parsed.get(f)?.text ?? '', hash256)}`);
  return `sha256:${hash256(`${JSON.stringify(identity)}\u0000${parts.join('\u0000')}`)}`;
}
