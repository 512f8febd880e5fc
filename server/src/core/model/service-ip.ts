import type { Memo } from '../tracking/reads';
import { addressModel, sameIp, serviceAddress, type AddressHolder, type AddressModel, type Family, type ServiceAddress } from './addresses';
import { serviceRuntime } from './canonical';
import type { Entity } from './extract';
import type { TopologyModel } from './model';

/** A service's own `ip` next to the address its runtime gives it. */
export interface ServiceIpJudgement {
  holder: AddressHolder;
  resolved: ServiceAddress;
}

/** The services that set `ip`, by whether it is the address their runtime gives them. */
export interface ServiceIpJudgements {
  /** `ip` is the runtime's address: it says nothing new. */
  redundant: ServiceIpJudgement[];
  /** `ip` differs from the runtime's address. */
  conflicting: ServiceIpJudgement[];
}

const judged = new WeakMap<TopologyModel, Memo<ServiceIpJudgements>>();

/**
 * Every service that sets `ip` and whose runtime address can be told, judged once per model: the
 * redundant-ip and the conflicting-ip rule each take their half instead of resolving all again.
 */
export function serviceIpJudgements(model: TopologyModel): ServiceIpJudgements {
  return model.tracking.memoized(judged, model, () => {
    const out: ServiceIpJudgements = { redundant: [], conflicting: [] };
    for (const h of addressModel(model).holders) {
      if (h.kind !== 'service') continue;
      const resolved = serviceAddress(model, h.owner);
      if (resolved) (sameIp(resolved.holder.ip, h.ip) ? out.redundant : out.conflicting).push({ holder: h, resolved });
    }
    return out;
  });
}

/** The address to publish for a service: what its runtime gives it, else its own `ip` (v4.0). */
export interface ServiceIp {
  holder: AddressHolder;
  /** The network the address is in: the holder's, else the runtime's binding. */
  networkId: string | undefined;
}

const ownIps = new WeakMap<AddressModel, Map<Entity, AddressHolder>>();

/** A service's published address, of `family` when given; undefined when neither the runtime nor `ip` gives one. */
export function serviceIp(model: TopologyModel, svc: Entity, family?: Family): ServiceIp | undefined {
  const resolved = serviceAddress(model, svc, family);
  if (resolved) return { holder: resolved.holder, networkId: resolved.holder.networkId };
  const am = addressModel(model);
  let own = ownIps.get(am);
  if (!own) {
    own = new Map();
    for (const h of am.holders) if (h.kind === 'service' && !own.has(h.owner)) own.set(h.owner, h);
    ownIps.set(am, own);
  }
  const h = own.get(svc);
  return h && (!family || h.ip.family === family) ? { holder: h, networkId: serviceRuntime(svc).networkBindingRef } : undefined;
}
