/**
 * Everything the RouterOS files need about one router, derived from the topology (nothing
 * hard-coded): the networks it manages, which of its ports are trunks or access ports (from the
 * data links and the far end's bridges and allocations), VLAN interface names and uplinks.
 */
import { get, items, networkView, scalar, serviceRuntime, str, type Entity, type NetworkView } from '../../server/src/core';
import type { GeneratorContext } from '../types';

export interface Port {
  iface: Entity;
  name: string;
  /** Carries these VLANs tagged (a trunk). */
  tagged: number[];
  /** Access port: untagged in this VLAN. */
  pvid: number | undefined;
}

export interface RouterView {
  device: Entity;
  networks: NetworkView[];
  /** Networks with a VLAN tag, by tag. */
  vlans: NetworkView[];
  /** Untagged networks with an address range: they live on the LAN bridge itself. */
  untagged: NetworkView[];
  uplinks: NetworkView[];
  ports: Port[];
  bridgeName: string;
  /** The interface a network's gateway address sits on. */
  interfaceOf(net: NetworkView): string | undefined;
  /** Why a network has no interface on this router (undefined when it has one). */
  noInterfaceReason(net: NetworkView): string | undefined;
  vlanInterface(net: NetworkView): string;
  wireguardInterface(net: NetworkView): string;
  ifaceName(id: string | undefined): string | undefined;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const BRIDGEABLE = /^(ethernet|wifi|sfp|pci-ethernet)/;

/** Devices that manage networks (`managed_by_ref`), else the L0 default network manager. */
export function routers(ctx: GeneratorContext): Entity[] {
  const ids = new Set<string>();
  for (const n of ctx.index.ofKind('network')) {
    const m = str(get(n.node, 'managed_by_ref'));
    if (m) ids.add(m);
  }
  if (ids.size === 0) {
    const root = ctx.model.assembly.root;
    const fallback = str(get(get(get(get(root, 'L0_meta'), 'defaults'), 'refs'), 'network_manager_device_ref'));
    if (fallback) ids.add(fallback);
  }
  return [...ids].sort().flatMap((id) => ctx.index.find('device', id).slice(0, 1));
}

export function routerView(ctx: GeneratorContext, device: Entity): RouterView {
  const index = ctx.index;
  const networks = index
    .ofKind('network')
    .map((n) => networkView(ctx.model, n))
    .filter((n) => n.managedBy === device.id)
    .sort(byId);
  const vlans = networks.filter((n) => n.vlan !== undefined).sort((a, b) => a.vlan! - b.vlan! || (a.id < b.id ? -1 : 1));
  const uplinks = networks.filter((n) => n.interfaceRef && !n.parsed);
  const untagged = networks.filter(onLanBridge);
  const ifaces = index.ofKind('interface').filter((i) => i.owner === device);
  const ifaceName = (id: string | undefined) => {
    const i = ifaces.find((x) => x.id === id);
    return i ? (str(get(i.node, 'physical_name')) ?? str(get(i.node, 'name')) ?? i.id) : undefined;
  };
  const uplinkIfaces = new Set(networks.map((n) => n.interfaceRef).filter((x): x is string => !!x));
  const ports: Port[] = [];
  for (const iface of ifaces) {
    if (uplinkIfaces.has(iface.id) || !BRIDGEABLE.test(str(get(iface.node, 'type')) ?? '') || str(get(iface.node, 'status')) === 'unused') continue;
    const link = index.ofKind('data_link').find((l) => ['endpoint_a', 'endpoint_b'].some((end) => str(get(get(l.node, end), 'interface_ref')) === iface.id));
    const far = link ? ['endpoint_a', 'endpoint_b'].map((end) => get(link.node, end)).find((e) => str(get(e, 'interface_ref')) !== iface.id) : undefined;
    const farDevice = str(get(far, 'device_ref'));
    let tagged: number[] = [];
    let pvid: number | undefined;
    if (link && scalar(get(link.node, 'vlan_trunk')) === true) {
      // A trunk carries the VLANs whose networks extend onto a bridge of the far device.
      const farBridges = new Set(
        index
          .ofKind('bridge')
          .filter((b) => str(get(b.node, 'device_ref')) === farDevice)
          .map((b) => b.id),
      );
      tagged = vlans.filter((n) => n.bridgeRef && farBridges.has(n.bridgeRef)).map((n) => n.vlan!);
      if (tagged.length === 0) tagged = vlans.map((n) => n.vlan!);
    } else if (farDevice) {
      // An access port sits in the VLAN where the far device has its address.
      const home = vlans.find((n) => items(get(n.entity.node, 'ip_allocations')).some((a) => str(get(a, 'device_ref')) === farDevice));
      pvid = home?.vlan;
    }
    ports.push({ iface, name: ifaceName(iface.id)!, tagged, pvid });
  }
  const bridgeName = ctx.option('bridge_name') ?? 'bridge';
  const vlanInterface = (n: NetworkView) => `vlan${n.vlan}`;
  const wireguardInterface = (n: NetworkView) => {
    // The tunnel interface is named where routes point through it (`via: wg-cloud`).
    const route = index.ofKind('route').find((r) => str(get(r.node, 'destination_network_ref')) === n.id && str(get(r.node, 'device_ref')) === device.id && str(get(r.node, 'via')));
    return (route ? str(get(route.node, 'via')) : undefined) ?? `wg-${n.id.replace(/^net-/, '')}`;
  };
  const interfaceOf = (n: NetworkView) => {
    if (n.vlan !== undefined) return vlanInterface(n);
    if (n.vpnType === 'wireguard') return wireguardInterface(n);
    if (n.interfaceRef) return ifaceName(n.interfaceRef);
    return onLanBridge(n) ? bridgeName : undefined;
  };
  const noInterfaceReason = (n: NetworkView): string | undefined => {
    if (interfaceOf(n) !== undefined) return undefined;
    if (n.interfaceRef) return `its interface_ref '${n.interfaceRef}' is not an interface of '${device.id}'`;
    if (n.vpnType) return `it is a ${n.vpnType} network, which the RouterOS generator does not write`;
    return `it is an overlay network (profile '${str(get(n.entity.node, 'profile_ref')) ?? ''}') with no vpn_type the RouterOS generator writes`;
  };
  return {
    device,
    networks,
    vlans,
    untagged,
    uplinks,
    ports: ports.sort((a, b) => (a.name < b.name ? -1 : 1)),
    bridgeName,
    interfaceOf,
    noInterfaceReason,
    vlanInterface,
    wireguardInterface,
    ifaceName,
  };
}

/**
 * An untagged network without an uplink interface or a VPN is the router's LAN: its gateway sits
 * on the LAN bridge (`bridge_ref` names a hypervisor's bridge, if any, not the router's).
 */
function onLanBridge(n: NetworkView): boolean {
  return n.vlan === undefined && !n.interfaceRef && !n.vpnType && n.plane !== 'overlay' && n.parsed !== undefined;
}

/** Services that run natively on (or in containers of) this router. */
export function routerServices(ctx: GeneratorContext, device: Entity): Entity[] {
  return ctx.index.ofKind('service').filter((s) => {
    const rt = serviceRuntime(s);
    return rt.targetKind === 'device' && rt.targetId === device.id;
  });
}
