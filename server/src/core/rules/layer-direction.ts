import { allows, fieldPath, parseLayerAllow, type LayerAllow } from '../config/layer-allow';
import { spanOf } from '../model/extract';
import { defineRule } from './rule';

export const layerDirection = defineRule({
  id: 'layer-direction',
  severity: 'info',
  category: 'reference',
  description: "A reference points to a higher layer, against the format's layering guide.",
  docs: `The format's guide says references point downward: an entity of layer N names entities of layers ≤ N (L5 services name L4 containers, never the reverse). Then each layer can be read, validated and generated without the layers above it. Nothing in the format enforces this, and real repositories grow upward refs (L2 allocations naming L4 host OSes, L3 data assets naming L7 backup policies).

The rule reports them as information. Accept the deliberate ones in \`.strata.yaml\`:

\`\`\`yaml
layerDirection:
  allow:
  - L3->L7                                               # every ref from layer 3 to layer 7
  - L2_network.networks[].ip_allocations[].host_os_ref   # refs written at this field path
  - L2_network.trust_zones.*.default_firewall_policy_ref # * matches any key of a map
\`\`\`

A field path names the keys from the root, \`[]\` for a list index (a segment written without \`[]\` matches a list too) and \`*\` for any one key. The message of each finding shows the field path to copy. Entries in neither form are reported by \`config-invalid\`. Turn the rule off with \`rules: { layer-direction: off }\`.`,
  over: 'refs',
  check(ref, { model, report, config }) {
    // A field no declaration gives a kind says nothing of which way it should point.
    if (ref.spec.untyped) return;
    const res = model.resolve(ref);
    if (res.status !== 'ok' && res.status !== 'wrong-target') return;
    const to = res.target.layer;
    if (ref.layer < 0 || to <= ref.layer) return;
    if (allowList(config.layerDirectionAllow).some((a) => allows(a, ref.path, ref.layer, to))) return;
    const path = fieldPath(ref.path);
    report({
      span: spanOf(ref.node),
      message: `\`${ref.field}\` in ${String(ref.path[0])} points up to ${res.target.kind} '${ref.value}' in ${String(res.target.path[0])} (${model.where(res.target.idSpan)}). Refs should point to the same or a lower layer; if this one is deliberate, add '${path}' (or 'L${ref.layer}->L${to}') to layerDirection.allow in .strata.yaml.`,
      related: [{ span: res.target.idSpan, message: `${res.target.kind} '${res.target.id}' (L${to})` }],
      data: { path, from: ref.layer, to },
    });
  },
});

/** The allow-list entries that parse (the others are config-invalid's); read only for a ref that points up. */
function allowList(entries: readonly string[]): LayerAllow[] {
  return entries.flatMap((t) => {
    const p = parseLayerAllow(t);
    return p.ok ? [p.value] : [];
  });
}
