/**
 * The address a service or container really has. The IP rules' address model will own this
 * reading; until then it lives here, in one function per question, over canonical.ts.
 */
import { nics, serviceRuntime, type Nic } from '../model/canonical';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { get, items, scalar, str, type SScalar } from '../workspace/nodes';

export interface ResolvedAddress {
  ip: string | undefined;
  prefix: number | undefined;
  /** Where the address is written (a NIC's `ip`, a network's allocation). */
  ipNode: SScalar | undefined;
  /** The LXC, VM or device that carries the address. */
  host: Entity | undefined;
  /** The NIC's `interface` name, or the allocation's. */
  interfaceName: string | undefined;
  network: Entity | undefined;
  vlan: number | string | undefined;
  gateway: string | undefined;
  cidr: string | undefined;
  /** Why no address could be resolved, naming the step that failed. */
  problem: string | undefined;
}

function empty(problem: string, host?: Entity): ResolvedAddress {
  return { ip: undefined, prefix: undefined, ipNode: undefined, host, interfaceName: undefined, network: undefined, vlan: undefined, gateway: undefined, cidr: undefined, problem };
}

function withNetwork(model: TopologyModel, base: Omit<ResolvedAddress, 'network' | 'vlan' | 'cidr'>, networkId: string | undefined): ResolvedAddress {
  const network = model.index.first('network', networkId);
  const vlan = scalar(get(network?.node, 'vlan'));
  return {
    ...base,
    network,
    vlan: typeof vlan === 'number' || typeof vlan === 'string' ? vlan : undefined,
    gateway: base.gateway ?? str(get(network?.node, 'gateway')),
    cidr: str(get(network?.node, 'cidr')),
  };
}

/** Each NIC of an LXC or VM, with its network. */
export function guestAddresses(model: TopologyModel, guest: Entity): ResolvedAddress[] {
  return nics(guest).map((nic) => nicAddress(model, guest, nic));
}

function nicAddress(model: TopologyModel, guest: Entity, nic: Nic): ResolvedAddress {
  const base = { ip: nic.ip, prefix: nic.prefix, ipNode: nic.ipNode, host: guest, interfaceName: str(get(nic.node, 'interface')) ?? str(get(nic.node, 'name')), gateway: nic.gateway, problem: nic.ip ? undefined : `its NIC on '${nic.networkRef ?? '?'}' has no static address` };
  return withNetwork(model, base, nic.networkRef);
}

/**
 * A service's IP: through `runtime` (or the legacy `lxc_ref`/`vm_ref`/`device_ref`) to the NIC
 * bound to its network; for docker and bare-metal, the device's allocation in that network.
 */
export function serviceAddress(model: TopologyModel, svc: Entity): ResolvedAddress {
  const rt = serviceRuntime(svc);
  const declared = str(get(svc.node, 'ip'));
  if (!rt.targetKind || rt.targetId === undefined) {
    if (declared) return withNetwork(model, { ip: declared, prefix: undefined, ipNode: undefined, host: undefined, interfaceName: undefined, gateway: undefined, problem: undefined }, rt.networkBindingRef);
    return empty('it names no runtime target (`runtime.target_ref`, or the legacy `lxc_ref`/`vm_ref`/`device_ref`)');
  }
  const host = model.index.first(rt.targetKind, rt.targetId);
  if (!host) return empty(`its runtime target '${rt.targetId}' is not a known ${rt.targetKind}`);
  if (rt.targetKind === 'device') return deviceAddress(model, host, rt.networkBindingRef);
  const all = nics(host);
  const nic = rt.networkBindingRef !== undefined ? all.find((n) => n.networkRef === rt.networkBindingRef) : all[0];
  if (!nic) {
    return empty(rt.networkBindingRef !== undefined ? `${rt.targetKind} '${host.id}' has no NIC on '${rt.networkBindingRef}'` : `${rt.targetKind} '${host.id}' has no NIC`, host);
  }
  return nicAddress(model, host, nic);
}

/** A device's allocation in a network (`ip_allocations[].device_ref`, or a host OS of that device). */
function deviceAddress(model: TopologyModel, device: Entity, networkId: string | undefined): ResolvedAddress {
  const hostOses = new Set(model.index.ofKind('host_os').filter((h) => str(get(h.node, 'device_ref')) === device.id).map((h) => h.id));
  const networks = networkId !== undefined ? [model.index.first('network', networkId)].filter((n): n is Entity => !!n) : model.index.ofKind('network');
  if (networkId !== undefined && networks.length === 0) return empty(`its network '${networkId}' does not exist`, device);
  for (const net of networks) {
    for (const a of items(get(net.node, 'ip_allocations'))) {
      const owner = str(get(a, 'device_ref'));
      const hos = str(get(a, 'host_os_ref'));
      if (owner !== device.id && !(hos !== undefined && hostOses.has(hos))) continue;
      const ipNode = get(a, 'ip');
      const raw = str(ipNode);
      if (!raw) continue;
      const [ip, prefix] = raw.split('/');
      return withNetwork(model, { ip, prefix: prefix !== undefined ? Number(prefix) : undefined, ipNode: ipNode?.kind === 'scalar' ? ipNode : undefined, host: device, interfaceName: str(get(a, 'interface')), gateway: undefined, problem: undefined }, net.id);
    }
  }
  return empty(networkId !== undefined ? `device '${device.id}' has no allocation in '${networkId}'` : `device '${device.id}' has no IP allocation`, device);
}
