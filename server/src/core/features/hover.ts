import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import type { Span } from '../types';
import { get, str } from '../workspace/nodes';
import { kindLabel } from './entity-facts';
import { guestAddresses, serviceAddress, type ResolvedAddress } from './hover-ip';
import { hasStorageChain, storageChain, type ChainStep } from './hover-storage';
import { locate, targetEntity } from './locate';

/** Renders a link to a span as Markdown; the transport decides what a link is (a file URI, a path). */
export type LinkRenderer = (span: Span, label: string) => string;

export interface Hover {
  span: Span;
  markdown: string;
}

/** Markdown about what is under the cursor: the entity a ref or id names, or an include's target. */
export function hover(model: TopologyModel, file: string, offset: number, link: LinkRenderer): Hover | undefined {
  const at = locate(model, file, offset);
  if (!at) return undefined;
  const span = { file, start: at.start, end: at.end };
  if (at.kind === 'include') {
    const { edge } = at;
    if (edge.targets.length === 0) return undefined;
    const list = edge.targets.slice(0, 20).map((t) => `- ${link({ file: t, start: 0, end: 0 }, t)}`);
    if (edge.targets.length > 20) list.push(`- … and ${edge.targets.length - 20} more`);
    return { span, markdown: [`Includes ${edge.targets.length === 1 ? 'one file' : `${edge.targets.length} files`}:`, '', ...list].join('\n') };
  }
  const entity = targetEntity(model, at);
  if (!entity) {
    if (at.kind !== 'ref') return undefined;
    const kinds = model.resolve(at.ref).kinds.map(kindLabel).join(' or ');
    return { span, markdown: `No ${kinds} has the id \`${at.ref.value}\`.` };
  }
  return { span, markdown: entityMarkdown(model, entity, link) };
}

export function entityMarkdown(model: TopologyModel, entity: Entity, link: LinkRenderer): string {
  const name = str(get(entity.node, 'name'));
  const description = str(get(entity.node, 'description'));
  const out = [`**${kindLabel(entity.kind)}** \`${entity.id}\`${name && name !== entity.id ? ` — ${name}` : ''}`];
  if (description) out.push('', description);
  out.push('', `Defined in ${link(entity.idSpan, model.where(entity.idSpan))}`);
  const addresses = entity.kind === 'service' ? [serviceAddress(model, entity)] : entity.kind === 'lxc' || entity.kind === 'vm' ? guestAddresses(model, entity) : [];
  if (addresses.length > 0) out.push('', ...addresses.map((a) => addressLine(a, link)));
  if (hasStorageChain(entity.kind)) {
    const chain = storageChain(model, entity);
    if (chain.length > 0) out.push('', '**Storage chain**', '', ...chainLines(chain, link, 0));
  }
  return out.join('\n');
}

function entityLink(e: Entity, link: LinkRenderer): string {
  return link(e.idSpan, `\`${e.id}\``);
}

function addressLine(a: ResolvedAddress, link: LinkRenderer): string {
  if (!a.ip) return `**IP**: unresolved: ${a.problem ?? 'no address'}.`;
  const ip = `\`${a.ip}${a.prefix !== undefined ? `/${a.prefix}` : ''}\``;
  if (a.declaredIn) return `**IP** ${ip} — declared in \`${a.declaredIn}\`, unverified: ${a.problem ?? 'its runtime cannot be resolved'}.`;
  const via = a.host ? ` on ${kindLabel(a.host.kind)} ${entityLink(a.host, link)}${a.interfaceName ? ` (${a.interfaceName})` : ''}` : '';
  const facts = [
    a.network ? `network ${entityLink(a.network, link)}${a.cidr ? ` ${a.cidr}` : ''}` : undefined,
    a.vlan !== undefined ? `VLAN ${a.vlan}` : undefined,
    a.gateway ? `gateway \`${a.gateway}\`` : undefined,
  ].filter(Boolean);
  return `**IP** ${ip}${via}${facts.length ? ` — ${facts.join(', ')}` : ''}`;
}

function chainLines(steps: ChainStep[], link: LinkRenderer, depth: number): string[] {
  const out: string[] = [];
  const pad = '  '.repeat(depth);
  for (const s of steps) {
    if (s.broken || !s.entity) out.push(`${pad}- ⚠ broken: ${s.broken ?? 'unknown step'}`);
    else {
      const label = str(get(s.entity.node, 'name'));
      out.push(`${pad}- ${kindLabel(s.entity.kind)} ${entityLink(s.entity, link)}${label && label !== s.entity.id ? ` (${label})` : ''}`);
    }
    out.push(...chainLines(s.below, link, depth + 1));
  }
  return out;
}
