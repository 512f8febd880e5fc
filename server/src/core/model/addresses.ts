/**
 * The address model: every place the topology gives something an IP address, the networks those
 * addresses belong to, the address a service really has, and the next free address of a network.
 * It reads v4.0, mid-migration and later shapes alike (docs/format.md#addresses-and-networks); the network rules, the
 * next-free-address completion, hovers and generators all ask here, never the raw fields.
 *
 * Address arithmetic lives in ./cidr and is re-exported, so callers import this one module.
 */
import { deref, get, items, str, type SMap, type SNode, type SScalar } from '../workspace/nodes';
import type { Span } from '../types';
import { cidrContains, formatIp, hostRange, ipKey, parseCidr, parseIpWithPrefix, parseRange, rangeContains, rangeOf, rangeSize, type Cidr, type Family, type Ip, type IpRange } from './cidr';
import { nics, serviceRuntime, type Nic } from './canonical';
import type { Memo } from '../tracking/reads';
import { spanOf, type Entity } from './extract';
import { groupBy } from './group-by';
import type { TopologyModel } from './model';

export * from './cidr';

/** Where an address is written. */
export type HolderKind = 'allocation' | 'interface' | 'lxc-nic' | 'vm-nic' | 'service' | 'docker-host' | 'external-service' | 'bridge' | 'gateway';

/** One address held by something: the value, the entity it is written in, and who really holds it. */
export interface AddressHolder {
  kind: HolderKind;
  ip: Ip;
  /** Canonical text of the address (no prefix length). */
  address: string;
  /** Prefix length written with the address (`10.0.30.10/24`), if any. */
  prefix: number | undefined;
  /** The address value in its file. */
  span: Span;
  /** The map the address is written in (an allocation, a NIC, a bridge, the network for its gateway). */
  source: SNode;
  /** The entity the value is written in (a network for allocations and gateways). */
  owner: Entity;
  /**
   * What holds the address on the wire: a device (a host OS counts as its device), an LXC or a VM.
   * A service holds its runtime target's address, an allocation its device's. Undefined when the
   * data does not say (then the holder stands for itself).
   */
  principal: Entity | undefined;
  /**
   * The ref value that should have named the principal but names nothing (a service's runtime
   * target, an allocation's device): whatever this holder conflicts with follows from that ref.
   */
  unresolved?: Span;
  /** The network the address is declared in: an allocation's network, a NIC's or bridge's `network_ref`. */
  networkId: string | undefined;
  /** Short description for messages: `ip_allocations[0].ip of net-servers`. */
  label: string;
}

/** An address written somewhere that holds nothing itself (DNS records); it still counts as used. */
export interface AddressUse {
  ip: Ip;
  span: Span;
  /** The entity the record names (`device_ref`, `lxc_ref`, `service_ref`), if any. */
  names: Entity | undefined;
}

/** A value that should be an address or prefix but cannot be read. */
export interface MalformedAddress {
  span: Span;
  value: string;
  error: string;
  label: string;
}

export interface AddressedValue<T> {
  value: T;
  span: Span;
  text: string;
}

/** What a network (or an `ipv6.networks[]` prefix) says about its addresses. */
export interface NetworkAddressing {
  /** The network, or the ipv6_network entry that carries a prefix. */
  entity: Entity;
  /** The network the prefix belongs to (itself, or the ipv6 entry's `network_ref`). */
  networkId: string;
  cidr: AddressedValue<Cidr> | undefined;
  gateway: AddressedValue<Ip> | undefined;
  dhcpRange: AddressedValue<IpRange> | undefined;
  reserved: AddressedValue<IpRange>[];
  vlan: { value: number; span: Span } | undefined;
}

export interface AddressModel {
  holders: AddressHolder[];
  uses: AddressUse[];
  malformed: MalformedAddress[];
  /** Addressing of each network and ipv6 prefix entry, by entity id. */
  networks: Map<string, NetworkAddressing>;
  /** Holders by address key (ipKey). */
  byAddress: Map<string, AddressHolder[]>;
}

const cache = new WeakMap<TopologyModel, Memo<AddressModel>>();
const guestHolders = new WeakMap<Entity, Memo<{ holders: AddressHolder[]; malformed: MalformedAddress[] }>>();

/** The address model of a topology (built once per model). */
export function addressModel(model: TopologyModel): AddressModel {
  return model.tracking.memoized(cache, model, () => build(model));
}

/** Values that are not addresses but say "none" or "decided elsewhere": skipped, not malformed. */
function isPlaceholder(v: string): boolean {
  const t = v.trim().toLowerCase();
  return t === '' || t === 'dhcp' || t === 'auto' || t === 'slaac' || t === 'none' || t.includes('{{');
}

/** Parsed addresses per source node: an unchanged file keeps its nodes, so a re-check parses only what changed. */
const parsedIps = new WeakMap<SScalar, ReturnType<typeof parseIpWithPrefix>>();
function parsedIp(s: SScalar): ReturnType<typeof parseIpWithPrefix> {
  let p = parsedIps.get(s);
  if (!p) {
    p = parseIpWithPrefix(s.value as string);
    parsedIps.set(s, p);
  }
  return p;
}

function scalarOf(n: SNode | undefined): SScalar | undefined {
  const d = deref(n);
  return d?.kind === 'scalar' && typeof d.value === 'string' ? d : undefined;
}

function build(model: TopologyModel): AddressModel {
  const out: AddressModel = { holders: [], uses: [], malformed: [], networks: new Map(), byAddress: new Map() };
  const idx = model.index;
  const hostDevice = (hostOsId: string | undefined): Entity | undefined => {
    const hos = idx.first('host_os', hostOsId);
    return hos ? (idx.first('device', str(get(hos.node, 'device_ref'))) ?? hos) : undefined;
  };
  const deviceOrHost = (node: SNode | undefined): Entity | undefined => idx.first('device', str(get(node, 'device_ref'))) ?? hostDevice(str(get(node, 'host_os_ref')));
  /** The first of these ref values that is written (what a principal found nowhere was looked up by). */
  const written = (node: SNode | undefined, ...fields: string[]): SScalar | undefined => {
    for (const f of fields) {
      const s = scalarOf(get(node, f));
      if (s) return s;
    }
    return undefined;
  };
  const runtimeTarget = (svc: Entity): { target: Entity | undefined; via: SScalar | undefined } => {
    const rt = serviceRuntime(svc);
    return { target: rt.targetKind && rt.targetId ? idx.first(rt.targetKind, rt.targetId) : undefined, via: rt.targetNode };
  };

  const addHolder = (h: AddressHolder) => {
    out.holders.push(h);
    const key = ipKey(h.ip);
    const same = out.byAddress.get(key);
    if (same) same.push(h);
    else out.byAddress.set(key, [h]);
  };
  const hold = (kind: HolderKind, node: SNode | undefined, source: SNode, owner: Entity, principal: Entity | undefined, networkId: string | undefined, label: string, via?: SScalar) => {
    const s = scalarOf(node);
    if (!s || isPlaceholder(s.value as string)) return;
    const p = parsedIp(s);
    if (!p.ok) {
      out.malformed.push({ span: spanOf(s), value: s.value as string, error: p.error, label });
      return;
    }
    const unresolved = !principal && via ? { unresolved: spanOf(via) } : {};
    addHolder({ kind, ip: p.value.ip, address: formatIp(p.value.ip), prefix: p.value.prefix, span: spanOf(s), source, owner, principal, ...unresolved, networkId, label });
  };

  const addressing = networkAddressing(model);
  for (const [id, na] of addressing.networks) out.networks.set(id, na);
  out.malformed.push(...addressing.malformed);
  for (const net of idx.ofKind('network')) {
    const managedBy = idx.first('device', str(get(net.node, 'managed_by_ref')));
    hold('gateway', get(net.node, 'gateway'), net.node, net, managedBy, net.id, `gateway of ${net.id}`, written(net.node, 'managed_by_ref'));
    items(get(net.node, 'ip_allocations')).forEach((a, i) => {
      hold('allocation', get(a, 'ip'), a, net, deviceOrHost(a), net.id, `ip_allocations[${i}] of ${net.id}`, written(a, 'device_ref', 'host_os_ref'));
    });
  }
  for (const route of idx.ofKind('route')) {
    const c = scalarOf(get(route.node, 'destination_cidr'));
    const p = c && !isPlaceholder(c.value as string) ? parseCidr(c.value as string) : undefined;
    if (c && p && !p.ok) out.malformed.push({ span: spanOf(c), value: c.value as string, error: p.error, label: `destination_cidr of ${route.id}` });
  }
  for (const itf of idx.ofKind('interface')) {
    for (const field of ['ip', 'address']) hold('interface', get(itf.node, field), itf.node, itf, itf.owner, undefined, `interface ${itf.id}`);
  }
  for (const kind of ['lxc', 'vm'] as const) {
    for (const guest of idx.ofKind(kind)) {
      // A guest's holders depend on its own node only; an unchanged guest keeps its Entity across analyses.
      const cached = guestHolders.get(guest);
      if (cached) {
        model.tracking.replay(cached.reads);
        for (const h of cached.value.holders) addHolder(h);
        out.malformed.push(...cached.value.malformed);
        continue;
      }
      const [h0, m0] = [out.holders.length, out.malformed.length];
      const { reads } = model.tracking.track(() => {
        for (const [i, nic] of nics(guest).entries()) hold(kind === 'lxc' ? 'lxc-nic' : 'vm-nic', nic.ipNode, nic.node, guest, guest, nic.networkRef, `networks[${i}] of ${guest.id}`);
      });
      if (!guest.node.hasInclude) guestHolders.set(guest, { value: { holders: out.holders.slice(h0), malformed: out.malformed.slice(m0) }, reads });
    }
  }
  for (const br of idx.ofKind('bridge')) {
    hold('bridge', get(br.node, 'address'), br.node, br, deviceOrHost(br.node), str(get(br.node, 'network_ref')), `address of ${br.id}`, written(br.node, 'device_ref', 'host_os_ref'));
  }
  for (const svc of idx.ofKind('service')) {
    const ip = get(svc.node, 'ip');
    const hostIp = get(get(get(svc.node, 'config'), 'docker'), 'host_ip');
    if (!ip && !hostIp) continue; // most services hold no address of their own
    const { target, via } = runtimeTarget(svc);
    hold('service', ip, svc.node, svc, target, undefined, `ip of ${svc.id}`, via);
    hold('docker-host', hostIp, svc.node, svc, target, undefined, `config.docker.host_ip of ${svc.id}`, via);
  }
  for (const ext of idx.ofKind('external_service')) {
    hold('external-service', get(ext.node, 'ip'), ext.node, ext, idx.first('device', str(get(ext.node, 'device_ref'))), undefined, `ip of ${ext.id}`, written(ext.node, 'device_ref'));
  }
  for (const zone of idx.ofKind('dns_zone')) {
    for (const rec of items(get(zone.node, 'records'))) {
      const s = scalarOf(get(rec, 'ip'));
      if (!s || isPlaceholder(s.value as string)) continue;
      const p = parseIpWithPrefix(s.value as string);
      if (!p.ok) {
        out.malformed.push({ span: spanOf(s), value: s.value as string, error: p.error, label: `DNS record of ${zone.id}` });
        continue;
      }
      const names = idx.first('device', str(get(rec, 'device_ref'))) ?? idx.first('lxc', str(get(rec, 'lxc_ref'))) ?? idx.first('service', str(get(rec, 'service_ref')));
      out.uses.push({ ip: p.value.ip, span: spanOf(s), names });
    }
  }
  return out;
}

/** What networks and IPv6 prefixes say of their addresses, without the holders. */
export interface NetworksAddressing {
  networks: Map<string, NetworkAddressing>;
  malformed: MalformedAddress[];
}

const networksCache = new WeakMap<TopologyModel, Memo<NetworksAddressing>>();

/**
 * The networks' prefixes, gateways and ranges (built once per model). Apart from the holders, so
 * a rule that only compares networks or checks against their prefixes does not depend on every
 * address written anywhere.
 */
export function networkAddressing(model: TopologyModel): NetworksAddressing {
  return model.tracking.memoized(networksCache, model, () => {
    const out: NetworksAddressing = { networks: new Map(), malformed: [] };
    for (const net of model.index.ofKind('network')) out.networks.set(net.id, readNetwork(net, net.id, 'cidr', out));
    for (const v6 of model.index.ofKind('ipv6_network')) out.networks.set(v6.id, readNetwork(v6, str(get(v6.node, 'network_ref')) ?? v6.id, 'prefix', out));
    return out;
  });
}

function readNetwork(entity: Entity, networkId: string, cidrField: 'cidr' | 'prefix', out: { malformed: MalformedAddress[] }): NetworkAddressing {
  const na: NetworkAddressing = { entity, networkId, cidr: undefined, gateway: undefined, dhcpRange: undefined, reserved: [], vlan: undefined };
  const bad = (s: SScalar, error: string, what: string) => out.malformed.push({ span: spanOf(s), value: String(s.value), error, label: `${what} of ${entity.id}` });
  const c = scalarOf(get(entity.node, cidrField));
  if (c && !isPlaceholder(c.value as string)) {
    const p = parseCidr(c.value as string);
    if (p.ok) na.cidr = { value: p.value, span: spanOf(c), text: c.value as string };
    else bad(c, p.error, cidrField);
  }
  const g = scalarOf(get(entity.node, 'gateway'));
  if (g && !isPlaceholder(g.value as string)) {
    const p = parseIpWithPrefix(g.value as string);
    if (p.ok) na.gateway = { value: p.value.ip, span: spanOf(g), text: g.value as string };
    // a malformed gateway is reported by the holder reading of the same value
  }
  const r = scalarOf(get(entity.node, 'dhcp_range'));
  if (r && !isPlaceholder(r.value as string)) {
    const p = parseRange(r.value as string);
    if (p.ok) na.dhcpRange = { value: p.value, span: spanOf(r), text: r.value as string };
    else bad(r, p.error, 'dhcp_range');
  }
  for (const rr of items(get(entity.node, 'reserved_ranges'))) {
    const s = scalarOf(get(rr, 'start'));
    const e = scalarOf(get(rr, 'end'));
    if (!s || !e) continue;
    const p = rangeOf(s.value as string, e.value as string);
    const m = deref(rr) as SMap;
    const span = { file: m.file, start: m.start, end: m.end };
    if (p.ok) na.reserved.push({ value: p.value, span, text: `${s.value}-${e.value}` });
    else bad(s, p.error, 'reserved_ranges');
  }
  const vlanNode = deref(get(entity.node, 'vlan'));
  if (vlanNode?.kind === 'scalar' && typeof vlanNode.value === 'number') na.vlan = { value: vlanNode.value, span: spanOf(vlanNode) };
  return na;
}

/** The prefixes of a network: its own `cidr` and the `ipv6.networks[]` entries that name it. */
const prefixIndex = new WeakMap<Pick<AddressModel, 'networks'>, Map<string, NetworkAddressing[]>>();
export function prefixesOf(am: Pick<AddressModel, 'networks'>, networkId: string): NetworkAddressing[] {
  let byNetwork = prefixIndex.get(am);
  if (!byNetwork) {
    byNetwork = new Map();
    for (const n of am.networks.values()) {
      if (!n.cidr) continue;
      const list = byNetwork.get(n.networkId);
      if (list) list.push(n);
      else byNetwork.set(n.networkId, [n]);
    }
    prefixIndex.set(am, byNetwork);
  }
  return byNetwork.get(networkId) ?? [];
}

/** The prefix of `networkId` in the address's family, if the network declares one. */
export function prefixFor(am: Pick<AddressModel, 'networks'>, networkId: string, ip: Ip): NetworkAddressing | undefined {
  return prefixesOf(am, networkId).find((n) => n.cidr!.value.family === ip.family);
}

/** Identity of the holder for "same thing" comparisons. */
export function principalKey(h: AddressHolder): string {
  const p = h.principal ?? h.owner;
  return p === h.owner && !h.principal ? `${p.kind}:${p.id}:${h.span.file}:${h.span.start}` : `${p.kind}:${p.id}`;
}

export interface ServiceAddress {
  /** The holder the address comes from (a NIC, an allocation, a bridge, or the gateway of a network the device manages). */
  holder: AddressHolder;
  /** The service's runtime target. */
  target: Entity;
}

/**
 * The address a service really has (docs/format.md#service-address): runtime lxc/vm → the guest NIC in the bound
 * network (v4.0, or no binding: the first NIC); docker/podman/baremetal/native → the target
 * device's address in the bound network (an allocation, a bridge, or the gateway of a network the
 * device manages), or its only address when no network is bound. Undefined when it cannot be told.
 * With `family`, only addresses of that family count (an AAAA record naming the service).
 */
export function serviceAddress(model: TopologyModel, svc: Entity, family?: Family): ServiceAddress | undefined {
  const rt = serviceRuntime(svc);
  if (!rt.targetKind || !rt.targetId) return undefined;
  const target = model.index.first(rt.targetKind, rt.targetId);
  if (!target) return undefined;
  const am = addressModel(model);
  const binding = rt.networkBindingRef;
  const held = holdersOf(am);
  if (target.kind === 'lxc' || target.kind === 'vm') {
    const guestNics = ofFamily(held.nicsOf.get(target) ?? NO_HOLDERS, family);
    const bound = binding ? guestNics.find((h) => h.networkId === binding) : undefined;
    if (bound) return { holder: bound, target };
    if (binding && rt.shape === 'runtime') return undefined;
    // v4.0 (and no binding): the service listens on the guest's first NIC (of the family asked for), as the format's generators read it.
    const first = nics(target)[0];
    const h = family ? guestNics[0] : first && nicHolder(guestNics, first);
    return h ? { holder: h, target } : undefined;
  }
  const own = ofFamily(held.hostedBy.get(target) ?? NO_HOLDERS, family);
  if (binding) {
    const inNet = own.find((h) => h.networkId === binding) ?? own.find((h) => h.networkId === undefined && inNetwork(am, binding, h.ip));
    return inNet ? { holder: inNet, target } : undefined;
  }
  const distinct = new Set(own.map((h) => ipKey(h.ip)));
  return distinct.size === 1 ? { holder: own[0]!, target } : undefined;
}

const NO_HOLDERS: readonly AddressHolder[] = [];

const ofFamily = (list: readonly AddressHolder[], family: Family | undefined) => (family ? list.filter((h) => h.ip.family === family) : list);

/** The holder a guest NIC's address makes (none for `dhcp`, a placeholder or an unreadable value). */
function nicHolder(guestNics: readonly AddressHolder[], nic: Nic): AddressHolder | undefined {
  return guestNics.find((g) => g.span.start === nic.ipNode?.start && g.span.file === nic.ipNode?.file);
}

/** The address of one NIC of an LXC or VM, as the address model reads it. */
export function nicAddress(model: TopologyModel, guest: Entity, nic: Nic): AddressHolder | undefined {
  return nicHolder(holdersOf(addressModel(model)).nicsOf.get(guest) ?? NO_HOLDERS, nic);
}

/**
 * The addresses an entity holds, in the order a connection prefers them: a guest's NICs in NIC
 * order; a device's (or host's) allocations, then bridge, interface and gateway addresses.
 */
export function addressesOf(model: TopologyModel, e: Entity, family?: Family): readonly AddressHolder[] {
  const held = holdersOf(addressModel(model));
  return ofFamily(held.nicsOf.get(e) ?? held.hostedBy.get(e) ?? NO_HOLDERS, family);
}

const byNetwork = new WeakMap<AddressModel, Map<string, AddressHolder[]>>();

/** The addresses written in a network: its gateway and allocations, the NICs and bridges whose `network_ref` names it. */
export function networkHolders(model: TopologyModel, networkId: string): readonly AddressHolder[] {
  const am = addressModel(model);
  let m = byNetwork.get(am);
  if (!m) byNetwork.set(am, (m = groupBy(am.holders, (h) => h.networkId)));
  return m.get(networkId) ?? NO_HOLDERS;
}

export interface AddressUsage {
  /** Distinct addresses held inside the prefix. */
  used: number;
  /** Size of the DHCP pool (0 when DHCP is off). */
  dhcp: bigint;
  /** Host addresses outside the DHCP pool and the reserved ranges that nothing holds. */
  free: bigint;
}

/** How much of a prefix is taken, counting the holders given and, with `dhcpOn`, its DHCP pool. */
export function addressUsage(na: NetworkAddressing, holders: readonly AddressHolder[], dhcpOn: boolean): AddressUsage | undefined {
  const c = na.cidr?.value;
  if (!c) return undefined;
  const { first, last } = hostRange(c);
  const used = new Set<bigint>();
  for (const h of holders) if (cidrContains(c, h.ip)) used.add(h.ip.value);
  const pool = dhcpOn && na.dhcpRange?.value.family === c.family ? na.dhcpRange.value : undefined;
  const dhcp = pool ? rangeSize(pool) : 0n;
  const reserved = na.reserved.reduce((n, r) => (r.value.family === c.family ? n + rangeSize(r.value) : n), 0n);
  const held = [...used].filter((v) => !pool || v < pool.start || v > pool.end).length;
  const free = (last >= first ? last - first + 1n : 0n) - BigInt(held) - dhcp - reserved;
  return { used: used.size, dhcp, free: free > 0n ? free : 0n };
}
/** The holders a service's address can come from on a device, in the order they are preferred. */
const HOST_ORDER: readonly HolderKind[] = ['allocation', 'bridge', 'interface', 'gateway'];

interface HolderLookup {
  /** A guest's NIC holders, in model order. */
  nicsOf: Map<Entity, AddressHolder[]>;
  /** A device's (or host's) own holders of the HOST_ORDER kinds, by kind in that order, then model order. */
  hostedBy: Map<Entity, AddressHolder[]>;
}

const lookups = new WeakMap<AddressModel, HolderLookup>();

/** The address model's holders by guest and by host, made once per model: every service looks its own up. */
function holdersOf(am: AddressModel): HolderLookup {
  let l = lookups.get(am);
  if (l) return l;
  l = { nicsOf: new Map(), hostedBy: new Map() };
  const push = (m: Map<Entity, AddressHolder[]>, e: Entity, h: AddressHolder) => {
    const list = m.get(e);
    if (list) list.push(h);
    else m.set(e, [h]);
  };
  for (const h of am.holders) if (h.kind === 'lxc-nic' || h.kind === 'vm-nic') push(l.nicsOf, h.owner, h);
  for (const kind of HOST_ORDER) for (const h of am.holders) if (h.kind === kind && h.principal) push(l.hostedBy, h.principal, h);
  lookups.set(am, l);
  return l;
}

function inNetwork(am: AddressModel, networkId: string, ip: Ip): boolean {
  const n = prefixFor(am, networkId, ip);
  return n !== undefined && cidrContains(n.cidr!.value, ip);
}

/** Every address the topology mentions as held or pointed at (holders, gateways, DNS records). */
export function usedAddressKeys(am: AddressModel): Set<string> {
  const used = new Set<string>();
  for (const h of am.holders) used.add(ipKey(h.ip));
  for (const u of am.uses) used.add(ipKey(u.ip));
  for (const n of am.networks.values()) if (n.gateway) used.add(ipKey(n.gateway.value));
  return used;
}

/** How many candidates the search looks at before giving up (a /8 full of DHCP pool is not searched to the end). */
const SEARCH_LIMIT = 1 << 20;

/**
 * The first address of a network that nothing in the topology uses and that lies outside the DHCP
 * range, the reserved ranges, the network and broadcast addresses and the gateway. `networkId` names
 * a network (its `cidr`) or an `ipv6.networks[]` entry (its `prefix`). Undefined when the network
 * has no usable prefix (an uplink with `cidr: dhcp`) or is full.
 */
export function nextFreeAddress(model: TopologyModel, networkId: string): Ip | undefined {
  const am = addressModel(model);
  const na = am.networks.get(networkId);
  const cidr = na?.cidr?.value;
  if (!na || !cidr) return undefined;
  const used = usedAddressKeys(am);
  const excluded: IpRange[] = [...(na.dhcpRange ? [na.dhcpRange.value] : []), ...na.reserved.map((r) => r.value)];
  const { first, last } = hostRange(cidr);
  let a = first;
  for (let tries = 0; a <= last && tries < SEARCH_LIMIT; tries++) {
    const ip: Ip = { family: cidr.family, value: a };
    const inRange = excluded.find((r) => rangeContains(r, ip));
    if (inRange) {
      a = inRange.end + 1n;
      continue;
    }
    if (!used.has(ipKey(ip)) && !(na.gateway && na.gateway.value.value === a)) return ip;
    a += 1n;
  }
  return undefined;
}
