/** How network messages name an address holder, so every rule says it the same way. */
import type { AddressHolder, ServiceAddress } from '../model/addresses';
import type { RelatedInfo } from '../types';
import type { TopologyModel } from '../model/model';

/** `lxc lxc-redis (networks[0] of lxc-redis)`, or just the label when the holder is its own entity. */
export function holderName(h: AddressHolder): string {
  const p = h.principal;
  return p && p !== h.owner ? `${h.label} (${p.kind} ${p.id})` : h.label;
}

/** The holder's name with its file:line, for naming the other party. */
export function holderAt(model: TopologyModel, h: AddressHolder): string {
  return `${holderName(h)} at ${model.where(h.span)}`;
}

/** The address a service's runtime gives it, as the related place of a finding about the service's `ip`. */
export function runtimeAddressInfo(resolved: ServiceAddress): RelatedInfo {
  return { span: resolved.holder.span, message: `${resolved.target.id}: ${resolved.holder.address}` };
}
