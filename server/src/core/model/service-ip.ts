import { addressModel, sameIp, serviceAddress, type AddressHolder, type ServiceAddress } from './addresses';
import { memoized, type Memo } from '../incremental/reads';
import type { TopologyModel } from './model';

/** A service's own `ip` next to the address its runtime gives it. */
export interface ServiceIpJudgement {
  holder: AddressHolder;
  resolved: ServiceAddress;
  /** The two are the same address (the `ip` is redundant); otherwise they conflict. */
  same: boolean;
}

const judged = new WeakMap<TopologyModel, Memo<ServiceIpJudgement[]>>();

/**
 * Every service that sets `ip` and whose runtime address can be told, judged once per model: the
 * redundant-ip and the conflicting-ip rule each take their half instead of resolving all again.
 */
export function serviceIpJudgements(model: TopologyModel): ServiceIpJudgement[] {
  return memoized(judged, model, () => {
    const out: ServiceIpJudgement[] = [];
    for (const h of addressModel(model).holders) {
      if (h.kind !== 'service') continue;
      const resolved = serviceAddress(model, h.owner);
      if (resolved) out.push({ holder: h, resolved, same: sameIp(resolved.holder.ip, h.ip) });
    }
    return out;
  });
}
