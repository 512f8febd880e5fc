/**
 * Synthetic topology workspaces for benchmarks: `entities` entities spread over about `files`
 * files, laid out like real repositories (layer files, `_index.yaml` include lists, refs across files).
 */
export interface SyntheticOptions {
  entities: number;
  files: number;
}

export function syntheticWorkspace({ entities, files }: SyntheticOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const n = {
    device: Math.max(2, Math.round(entities * 0.04)),
    network: Math.max(2, Math.min(250, Math.round(entities * 0.02))),
    lxc: Math.round(entities * 0.3),
    service: Math.round(entities * 0.3),
    asset: Math.round(entities * 0.14),
  };
  const health = Math.max(0, entities - n.device - n.network - n.lxc - n.service - n.asset);
  const perFile = Math.max(1, Math.ceil(entities / Math.max(1, files - 12)));
  const chunks = <T>(list: T[]): T[][] => {
    const res: T[][] = [];
    for (let i = 0; i < list.length; i += perFile) res.push(list.slice(i, i + perFile));
    return res;
  };
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  // Each collection is a folder of list files loaded with `!include_dir_sorted` (lists are spliced in).
  const listIndex = (layerDir: string, name: string, blocks: string[]) => {
    chunks(blocks).forEach((chunk, i) => {
      out[`topology/${layerDir}/${name}/part-${String(i).padStart(4, '0')}.yaml`] = chunk.join('');
    });
    return `!include_dir_sorted ${layerDir}/${name}`;
  };
  const net = (i: number) => `net-n${i}`;
  const ip = (net: number, host: number) => `10.${Math.floor(net / 250)}.${net % 250}.${host}`;
  const devices = range(n.device).map(
    (i) =>
      `- id: dev-${i}\n  name: Device ${i}\n  type: ${i === 0 ? 'router' : 'hypervisor'}\n  role: ${i === 0 ? 'central-gateway' : 'compute'}\n  class: ${i === 0 ? 'network' : 'compute'}\n  substrate: baremetal-owned\n  access: local-lan\n  location: loc-0\n  description: Synthetic host ${i}\n${i === 1 ? '  specs:\n    storage_slots:\n    - id: slot-0\n      name: SATA 0\n      bus: sata\n      mount: replaceable\n      connector: sata\n      description: Boot disk slot\n' : ''}  interfaces:\n  - id: if-dev-${i}-eth0\n    name: eth0\n    type: ethernet\n    description: uplink\n`,
  );
  const networks = range(n.network).map(
    (i) =>
      `- id: ${net(i)}\n  name: Network ${i}\n  cidr: ${ip(i, 0)}/24\n  gateway: ${ip(i, 1)}\n  vlan: ${10 + i}\n  trust_zone_ref: servers\n  managed_by_ref: dev-0\n  description: Synthetic network ${i}\n`,
  );
  // Each network holds hosts 10..249 (240 addresses); LXC n gets network n % nets, host by index.
  const lxcNet = (i: number) => i % n.network;
  const lxcHost = (i: number) => 10 + (Math.floor(i / n.network) % 240);
  const lxc = range(n.lxc).map(
    (i) =>
      `- id: lxc-c${i}\n  vmid: ${1000 + i}\n  name: c${i}\n  device_ref: dev-${i % n.device}\n  platform_type: lxc-unprivileged\n  description: Container ${i}\n  networks:\n  - interface: eth0\n    network_ref: ${net(lxcNet(i))}\n    ip: ${ip(lxcNet(i), lxcHost(i))}/24\n    gateway: ${ip(lxcNet(i), 1)}\n    vlan_tag: ${10 + lxcNet(i)}\n`,
  );
  const services = range(n.service).map(
    (i) =>
      `- id: svc-s${i}\n  name: Service ${i}\n  type: web-application\n  description: Service ${i}\n  runtime:\n    type: lxc\n    target_ref: lxc-c${i % n.lxc}\n    network_binding_ref: ${net(lxcNet(i % n.lxc))}\n${i > 0 ? `  dependencies:\n  - service_ref: svc-s${i - 1}\n` : ''}`,
  );
  const assets = range(n.asset).map(
    (i) => `- id: data-a${i}\n  name: Asset ${i}\n  category: database\n  criticality: low\n  engine: postgresql\n  storage_endpoint_ref: se-0\n  description: Data ${i}\n`,
  );
  const checks = range(health).map(
    (i) => `- id: health-h${i}\n  name: Check ${i}\n  description: Check ${i}\n  enabled: true\n  service_ref: svc-s${i % Math.max(1, n.service)}\n  interval: 60\n  timeout: 5\n`,
  );

  out['topology.yaml'] = `${['L0_meta', 'L1_foundation', 'L2_network', 'L3_data', 'L4_platform', 'L5_application', 'L6_observability', 'L7_operations']
    .map((k, i) => `${k}: !include topology/L${i}-${k.split('_')[1]}.yaml`)
    .join('\n')}\n`;
  out['topology/L0-meta.yaml'] = "version: '4.0.0'\n";
  out['topology/L1-foundation.yaml'] =
    `locations:\n- id: loc-0\n  name: Home\n  type: home-office\n  description: Home\ndevices: ${listIndex('L1-foundation', 'devices', devices)}\nmedia_registry:\n- id: disk-0\n  name: Boot SSD\n  type: ssd\n  form_factor: 2.5in\n  supported_buses: [sata]\n  state: present\n  size_gb: 2000\n  usage: boot\nmedia_attachments:\n- id: attach-0\n  device_ref: dev-1\n  slot_ref: slot-0\n  media_ref: disk-0\n  state: present\n  description: Boot SSD in slot 0\n`;
  out['topology/L2-network.yaml'] = `trust_zones:\n  servers:\n    name: Servers\n    security_level: 2\n    description: Servers\nnetworks: ${listIndex('L2-network', 'networks', networks)}\n`;
  // One storage chain (disk → partition → VG → LV → endpoint) that places every data asset.
  out['topology/L3-data.yaml'] =
    `partitions:\n- id: part-0\n  media_attachment_ref: attach-0\n  number: 1\n  type: lvm-pv\n  size: remaining\n  description: LVM PV\nvolume_groups:\n- id: vg-0\n  name: pve\n  type: lvm\n  pv_refs: [part-0]\n  description: Default VG\nlogical_volumes:\n- id: lv-0\n  name: data\n  type: thin-pool\n  vg_ref: vg-0\n  description: Thin pool\nstorage_endpoints:\n- id: se-0\n  name: local-lvm\n  platform: proxmox\n  type: lvmthin\n  lv_ref: lv-0\n  content: [images, rootdir]\n  shared: false\n  description: Proxmox thin pool\ndata_assets: ${listIndex('L3-data', 'data-assets', assets)}\n`;
  out['topology/L4-platform.yaml'] = `lxc: ${listIndex('L4-platform', 'lxc', lxc)}\n`;
  out['topology/L5-application.yaml'] = `services: ${listIndex('L5-application', 'services', services)}\n`;
  out['topology/L6-observability.yaml'] = `healthchecks: ${listIndex('L6-observability', 'healthchecks', checks)}\n`;
  out['topology/L7-operations.yaml'] = '{}\n';
  return out;
}
