/**
 * What hover says about addresses. The reading itself (which NIC or allocation a service really
 * uses) belongs to the address model (model/addresses.ts); this only presents it, and when nothing
 * resolves, names the step that failed.
 */
import { addressModel, serviceAddress as resolveServiceAddress, type AddressHolder } from '../model/addresses';
import { nics, serviceRuntime } from '../model/canonical';
import type { Entity } from '../model/extract';
import type { TopologyModel } from '../model/model';
import { get, str } from '../workspace/nodes';

export interface ResolvedAddress {
  ip: string | undefined;
  prefix: number | undefined;
  /** The LXC, VM or device that carries the address. */
  host: Entity | undefined;
  /** The NIC's `interface` name, or the allocation's. */
  interfaceName: string | undefined;
  network: Entity | undefined;
  vlan: number | undefined;
  gateway: string | undefined;
  cidr: string | undefined;
  /** Why no address could be resolved, naming the step that failed. */
  problem: string | undefined;
  /**
   * Set when the address is only what the service writes itself (`ip`, `config.docker.host_ip`)
   * and the runtime it should come from cannot be resolved (`problem` says why): declared, unverified.
   */
  declaredIn?: string;
}

function fromHolder(model: TopologyModel, h: AddressHolder, host: Entity | undefined): ResolvedAddress {
  const am = addressModel(model);
  const net = h.networkId !== undefined ? am.networks.get(h.networkId) : undefined;
  const node = model.index.first('network', h.networkId);
  // The NIC or allocation map the address is written in, for its interface name and own gateway.
  const nic = host && (host.kind === 'lxc' || host.kind === 'vm') ? nics(host).find((n) => n.ipNode?.start === h.span.start && n.ipNode.file === h.span.file) : undefined;
  return {
    ip: h.address,
    prefix: h.prefix,
    host,
    interfaceName: nic ? (str(get(nic.node, 'interface')) ?? str(get(nic.node, 'name'))) : undefined,
    network: node,
    vlan: net?.vlan?.value,
    gateway: nic?.gateway ?? net?.gateway?.text,
    cidr: net?.cidr?.text,
    problem: undefined,
  };
}

function unresolved(problem: string, host?: Entity): ResolvedAddress {
  return { ip: undefined, prefix: undefined, host, interfaceName: undefined, network: undefined, vlan: undefined, gateway: undefined, cidr: undefined, problem };
}

/** Each address of an LXC or VM (its NICs), with its network. */
export function guestAddresses(model: TopologyModel, guest: Entity): ResolvedAddress[] {
  const own = addressModel(model).holders.filter((h) => h.owner === guest && (h.kind === 'lxc-nic' || h.kind === 'vm-nic'));
  return own.length > 0 ? own.map((h) => fromHolder(model, h, guest)) : [unresolved('it has no NIC with a static address', guest)];
}

/** A service's address as the address model resolves it, or the reason it cannot be told. */
export function serviceAddress(model: TopologyModel, svc: Entity): ResolvedAddress {
  const found = resolveServiceAddress(model, svc);
  if (found) return fromHolder(model, found.holder, found.target);
  const resolved = runtimeProblem(model, svc);
  // What the service declares still stands beside the reason it could not be checked.
  const own = addressModel(model).holders.find((h) => h.owner === svc && (h.kind === 'service' || h.kind === 'docker-host'));
  if (!own) return resolved;
  return { ...fromHolder(model, own, undefined), host: resolved.host, problem: resolved.problem, declaredIn: own.kind === 'service' ? 'ip' : 'config.docker.host_ip' };
}

function runtimeProblem(model: TopologyModel, svc: Entity): ResolvedAddress {
  const rt = serviceRuntime(svc);
  if (!rt.targetKind || rt.targetId === undefined) return unresolved('it names no runtime target (`runtime.target_ref`, or the legacy `lxc_ref`/`vm_ref`/`device_ref`)');
  const host = model.index.first(rt.targetKind, rt.targetId);
  if (!host) return unresolved(`its runtime target '${rt.targetId}' is not a known ${rt.targetKind}`);
  const binding = rt.networkBindingRef;
  if (host.kind === 'lxc' || host.kind === 'vm') {
    const nic = binding !== undefined ? nics(host).find((n) => n.networkRef === binding) : nics(host)[0];
    if (!nic) return unresolved(binding !== undefined ? `${host.kind} '${host.id}' has no NIC on '${binding}'` : `${host.kind} '${host.id}' has no NIC`, host);
    return unresolved(`its NIC on '${nic.networkRef ?? '?'}' has no static address`, host);
  }
  return unresolved(binding !== undefined ? `device '${host.id}' has no address in '${binding}'` : `device '${host.id}' has no single address`, host);
}
