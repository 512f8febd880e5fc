/**
 * Entries of `.strata.yaml` `layerDirection.allow`: the upward references a repository accepts on
 * purpose. Two forms:
 *
 *   L3->L7                                               every ref from layer 3 to layer 7
 *   L2_network.networks[].ip_allocations[].host_os_ref   refs written at this field path
 *
 * In a field path, `[]` stands for any list index and `*` for any one key (maps keyed by id, such
 * as `L2_network.trust_zones.*.default_firewall_policy_ref`); a segment written without `[]` also
 * matches a list at that place, so `…backup_policy_refs` covers every item of the list.
 */

/** Where a value sits in the data, as the model's `DataPath` (keys and list indexes); spelled out so config stays below model. */
type DataPath = readonly (string | number)[];

export type LayerAllow = { kind: 'layers'; from: number; to: number; text: string } | { kind: 'path'; segments: { key: string; list: boolean }[]; text: string };

const LAYER_PAIR = String.raw`L([0-7])\s*->\s*L([0-7])`;
const KEY_SEGMENT = String.raw`(\*|[A-Za-z_][A-Za-z0-9_-]*)(\[\])?`;
const LAYERS = new RegExp(`^${LAYER_PAIR}$`);
const SEGMENT = new RegExp(`^${KEY_SEGMENT}$`);
/** Both forms as one pattern, for the JSON Schema of `.strata.yaml`. */
export const LAYER_ALLOW_PATTERN = String.raw`^\s*(?:${LAYER_PAIR}|${KEY_SEGMENT}(?:\.${KEY_SEGMENT})*)\s*$`;

export function parseLayerAllow(text: string): { ok: true; value: LayerAllow } | { ok: false; error: string } {
  const t = text.trim();
  const m = LAYERS.exec(t);
  if (m) return { ok: true, value: { kind: 'layers', from: Number(m[1]), to: Number(m[2]), text: t } };
  const parts = t.split('.');
  const segments: { key: string; list: boolean }[] = [];
  for (const p of parts) {
    const s = SEGMENT.exec(p);
    if (!s) return { ok: false, error: `'${text}' is neither a layer pair (L3->L7) nor a field path (L2_network.networks[].ip_allocations[].host_os_ref): segment '${p}' is not a key, '*' or key[]` };
    segments.push({ key: s[1]!, list: s[2] !== undefined });
  }
  return { ok: true, value: { kind: 'path', segments, text: t } };
}

/** `L2_network.networks[].ip_allocations[].host_os_ref`: a data path with list indexes as `[]`. */
export function fieldPath(path: DataPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? '[]' : out === '' ? p : `.${p}`;
  return out;
}

/** Whether an entry allows a ref written at `path` from layer `from` to layer `to`. */
export function allows(entry: LayerAllow, path: DataPath, from: number, to: number): boolean {
  if (entry.kind === 'layers') return entry.from === from && entry.to === to;
  let i = 0;
  for (const seg of entry.segments) {
    const p = path[i];
    if (typeof p !== 'string' || (seg.key !== '*' && seg.key !== p)) return false;
    i++;
    if (typeof path[i] === 'number') i++;
    else if (seg.list) return false;
  }
  return i === path.length;
}
