/**
 * lxc.tf and vms.tf. Values come through the canonical readings, so a v4.0 LXC (inline resources,
 * storage_ref, type/role) and a refactored one (resource profile + override, storage endpoint,
 * platform_type) give the same resource.
 */
import { bits, dataAssetPlacement, get, guestResources, items, nicAddress, nics, platformType, scalar, storageName, storageRef, str, volumesOf, type Entity, type Nic } from '../../server/src/core';
import { attr, block, comment, expr, hclFile, spaced, type HclItem } from '../emit/hcl';
import { hashHeader } from '../emit/header';
import type { GeneratedFile, GeneratorContext } from '../types';
import { byId, field, nodeName, resourceName } from './shared';

const bool = (e: Entity, path: string[]): boolean | undefined => {
  let n = get(e.node, path[0]!);
  for (const k of path.slice(1)) n = get(n, k);
  const v = scalar(n);
  return typeof v === 'boolean' ? v : undefined;
};
const int = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

function datastore(ctx: GeneratorContext, owner: Entity, ref: string | undefined, what: string): string | undefined {
  const name = storageName(ref, ctx.index);
  if (!name)
    ctx.report(
      'generator-missing-value',
      'warning',
      `${owner.kind} '${owner.id}' ${what} names storage '${ref ?? '(none)'}', which is neither a storage endpoint nor a storage pool; the datastore is left out.`,
      owner,
    );
  return name;
}

function startup(e: Entity): HclItem[] {
  const order = int(scalar(get(get(e.node, 'boot'), 'startup_order')));
  return order === undefined ? [] : [block('startup', [], attr('order', order))];
}

function tags(e: Entity): string[] {
  // Proxmox stores tags lowercased and sorted; writing them so avoids a permanent plan diff.
  return [...new Set(items(get(e.node, 'tags')).flatMap((t) => (str(t) ? [str(t)!.toLowerCase()] : [])))].sort();
}

function dnsBlock(e: Entity): HclItem[] {
  const dns = get(e.node, 'dns');
  const servers = (str(get(dns, 'nameserver')) ?? '').split(/[\s,]+/).filter(Boolean);
  const domain = str(get(dns, 'searchdomain'));
  if (!servers.length && !domain) return [];
  return [block('dns', [], [...attr('domain', domain), ...attr('servers', servers.length ? servers : undefined)])];
}

const guestLabel = (guest: Entity): string => (guest.kind === 'lxc' ? 'LXC' : 'VM');

/** A guest's resource name and the device it runs on; undefined when either is missing (a missing device is named: the guest is left out of `file`). */
function placement(ctx: GeneratorContext, guest: Entity, file: string): { name: string; device: string } | undefined {
  const name = resourceName(ctx, guest);
  const device = field(guest, 'device_ref');
  if (!name) return undefined;
  if (!device) {
    ctx.report('generator-missing-value', 'warning', `${guestLabel(guest)} '${guest.id}' has no device_ref, so its Proxmox node is unknown; it is left out of ${file}.`, guest);
    return undefined;
  }
  return { name, device };
}

function lxcResource(ctx: GeneratorContext, lxc: Entity): HclItem | undefined {
  const placed = placement(ctx, lxc, 'lxc.tf');
  if (!placed) return undefined;
  const { name, device } = placed;
  const res = guestResources(lxc, ctx.index);
  const platform = platformType(lxc);
  const storage = get(lxc.node, 'storage');
  const rootfs = get(storage, 'rootfs');
  const template = ctx.index.first('lxc_template', field(lxc, 'template_ref')) ?? ctx.index.first('vm_template', field(lxc, 'template_ref'));
  const templateStore = template ? storageName(storageRef(template.node), ctx.index) : undefined;
  const image = template ? field(template, 'image') : undefined;
  const osType = str(get(get(lxc.node, 'os'), 'type'));
  const body: HclItem[] = [
    ...attr('node_name', nodeName(ctx, device)),
    ...attr('vm_id', int(scalar(get(lxc.node, 'vmid')))),
    ...attr('description', field(lxc, 'description')),
    ...attr('tags', tags(lxc)),
    ...attr('unprivileged', platform !== 'lxc-privileged'),
    ...attr('started', bool(lxc, ['boot', 'onboot']) ?? true),
    ...attr('start_on_boot', bool(lxc, ['boot', 'onboot'])),
    block('cpu', [], attr('cores', res.cores)),
    block('memory', [], [...attr('dedicated', res.memoryMb), ...attr('swap', res.swapMb)]),
    block('disk', [], [...attr('datastore_id', datastore(ctx, lxc, storageRef(rootfs), 'rootfs')), ...attr('size', int(scalar(get(rootfs, 'size_gb'))))]),
  ];
  for (const v of volumesOf(ctx.model, lxc)) {
    const asset = ctx.index.first('data_asset', field(v, 'data_asset_ref'));
    const backup = bool(v, ['backup']) ?? (asset ? dataAssetPlacement(asset, ctx.index).backupPolicies.length > 0 : undefined);
    const size = int(scalar(get(v.node, 'size_gb')));
    body.push(
      block(
        'mount_point',
        [],
        [
          ...attr('volume', datastore(ctx, v, storageRef(v.node), 'volume')),
          ...attr('size', size === undefined ? undefined : `${size}G`),
          ...attr('path', field(v, 'mount_path') ?? field(v, 'mount_point')),
          ...attr('backup', backup),
          ...attr('read_only', bool(v, ['readonly'])),
        ],
      ),
    );
  }
  const guestNics = nics(lxc);
  for (const nic of guestNics) {
    const bridge = nicBridge(ctx, lxc, nic);
    body.push(
      block(
        'network_interface',
        [],
        [
          ...attr('name', str(get(nic.node, 'interface')) ?? 'eth0'),
          ...attr('bridge', bridge ? (field(bridge, 'name') ?? bridge.id) : undefined),
          ...attr('firewall', typeof scalar(get(nic.node, 'firewall')) === 'boolean' ? (scalar(get(nic.node, 'firewall')) as boolean) : undefined),
          ...attr('vlan_id', nic.vlanTag),
          ...attr('mac_address', str(get(nic.node, 'mac'))),
        ],
      ),
    );
  }
  body.push(
    block(
      'initialization',
      [],
      [
        ...attr('hostname', field(lxc, 'name') ?? lxc.id),
        ...dnsBlock(lxc),
        ...guestNics.flatMap((nic) => ipConfig(ctx, lxc, nic)),
        block('user_account', [], attr('keys', expr('var.ssh_public_keys'))),
      ],
    ),
    block('operating_system', [], [...attr('template_file_id', templateStore && image ? `${templateStore}:vztmpl/${image}` : undefined), ...attr('type', osType)]),
    block('features', [], attr('nesting', platform === 'lxc-nested')),
    ...startup(lxc),
  );
  if (!(templateStore && image))
    ctx.report(
      'generator-missing-value',
      'warning',
      `LXC '${lxc.id}' template '${field(lxc, 'template_ref') ?? '(none)'}' gives no image on a known storage, so operating_system.template_file_id is left out.`,
      lxc,
    );
  return block('resource', ['proxmox_virtual_environment_container', name], body);
}

/**
 * A NIC's `ip_config`: an `ipv4` or `ipv6` block by the family of its address (a bare address is a
 * host route, /32 or /128), DHCP when it has none. An address that cannot be read is named, not guessed.
 */
function ipConfig(ctx: GeneratorContext, guest: Entity, nic: Nic): HclItem[] {
  const held = nicAddress(ctx.model, guest, nic);
  const written = str(nic.ipNode);
  if (!held && written !== undefined && written.trim().toLowerCase() !== 'dhcp') {
    ctx.report(
      'generator-missing-value',
      'warning',
      `${guestLabel(guest)} '${guest.id}' NIC ${str(get(nic.node, 'interface')) ?? nic.networkRef ?? ''} has address '${written}', which is no IP address; its ip_config is left out.`,
      nic.ipNode,
    );
    return [];
  }
  const address = held ? `${held.address}/${held.prefix ?? bits(held.ip.family)}` : 'dhcp';
  return [block('ip_config', [], [block(held?.ip.family === 6 ? 'ipv6' : 'ipv4', [], [...attr('address', address), ...attr('gateway', held ? nic.gateway : undefined)])])];
}

/** The bridge a guest NIC is on; Proxmox needs one, so a NIC without it is named. */
function nicBridge(ctx: GeneratorContext, guest: Entity, nic: ReturnType<typeof nics>[number]): Entity | undefined {
  const bridge = ctx.index.first('bridge', nic.bridgeRef);
  if (!bridge) {
    const where = str(get(nic.node, 'interface')) ?? nic.networkRef ?? 'a NIC';
    ctx.report(
      'generator-missing-value',
      'warning',
      `${guestLabel(guest)} '${guest.id}' NIC ${where} ${nic.bridgeRef ? `names bridge '${nic.bridgeRef}', which is no bridge` : 'has no bridge_ref'}, so its network interface has no bridge and Proxmox will not create it; write bridge_ref.`,
      nic.node,
    );
  }
  return bridge;
}

/** BIOS from `bios` (v4.0) or the platform type (vm-uefi -> ovmf). */
function firmware(vm: Entity): string | undefined {
  const bios = field(vm, 'bios');
  if (bios) return bios;
  const p = field(vm, 'platform_type');
  return p === 'vm-uefi' ? 'ovmf' : p === 'vm-bios' || p === 'vm-cloud-init' ? 'seabios' : undefined;
}

function vmResource(ctx: GeneratorContext, vm: Entity): HclItem | undefined {
  const placed = placement(ctx, vm, 'vms.tf');
  if (!placed) return undefined;
  const { name, device } = placed;
  const res = guestResources(vm, ctx.index);
  const rootfs = get(get(vm.node, 'storage'), 'rootfs');
  const store = datastore(ctx, vm, storageRef(rootfs), 'rootfs');
  const bios = firmware(vm);
  const cloudInit = field(vm, 'platform_type') === 'vm-cloud-init' || bool(vm, ['cloudinit', 'enabled']) === true;
  const guestNics = nics(vm);
  const body: HclItem[] = [
    ...attr('node_name', nodeName(ctx, device)),
    ...attr('vm_id', int(scalar(get(vm.node, 'vmid')))),
    ...attr('name', field(vm, 'name') ?? vm.id),
    ...attr('description', field(vm, 'description')),
    ...attr('tags', tags(vm)),
    ...attr('bios', bios),
    ...attr('machine', field(vm, 'machine')),
    ...attr('on_boot', bool(vm, ['boot', 'onboot'])),
    ...attr('started', bool(vm, ['boot', 'onboot']) ?? true),
  ];
  const template = field(vm, 'template_ref');
  if (template) {
    body.push(comment(`template: ${template}`));
    ctx.report('generator-unsupported', 'info', `VM '${vm.id}' names template '${template}', which vms.tf records in a comment: the VM is created empty, not cloned or imported from it.`, vm);
  }
  body.push(
    block('cpu', [], attr('cores', res.cores)),
    block('memory', [], attr('dedicated', res.memoryMb)),
    ...(bios === 'ovmf' ? [block('efi_disk', [], [...attr('datastore_id', store), ...attr('type', '4m')])] : []),
    block('disk', [], [...attr('datastore_id', store), ...attr('interface', 'scsi0'), ...attr('size', int(scalar(get(rootfs, 'size_gb'))))]),
    ...guestNics.map((nic) => {
      const bridge = nicBridge(ctx, vm, nic);
      const fw = scalar(get(nic.node, 'firewall'));
      return block(
        'network_device',
        [],
        [
          ...attr('bridge', bridge ? (field(bridge, 'name') ?? bridge.id) : undefined),
          ...attr('model', str(get(nic.node, 'model'))),
          ...attr('vlan_id', nic.vlanTag),
          ...attr('firewall', typeof fw === 'boolean' ? fw : undefined),
          ...attr('mac_address', str(get(nic.node, 'mac'))),
        ],
      );
    }),
  );
  if (cloudInit) {
    body.push(
      block(
        'initialization',
        [],
        [
          ...attr('datastore_id', store),
          ...dnsBlock(vm),
          ...guestNics.flatMap((nic) => ipConfig(ctx, vm, nic)),
          block('user_account', [], [...attr('username', str(get(get(vm.node, 'cloudinit'), 'user'))), ...attr('keys', expr('var.ssh_public_keys'))]),
        ],
      ),
    );
  }
  body.push(block('operating_system', [], attr('type', 'l26')), ...startup(vm));
  return block('resource', ['proxmox_virtual_environment_vm', name], body);
}

export interface GuestFiles {
  files: GeneratedFile[];
  containers: { resource: string; entity: Entity }[];
  vms: { resource: string; entity: Entity }[];
}

/** The resource blocks of every guest of a kind, by id, and the resource name each got. */
function guestBlocks(ctx: GeneratorContext, kind: 'lxc' | 'vm', resourceOf: (ctx: GeneratorContext, guest: Entity) => HclItem | undefined) {
  const blocks: HclItem[] = [];
  const named: { resource: string; entity: Entity }[] = [];
  for (const guest of [...ctx.index.ofKind(kind)].sort(byId)) {
    const b = resourceOf(ctx, guest);
    const resource = b?.kind === 'block' ? b.labels[1] : undefined;
    if (b && resource !== undefined) {
      blocks.push(b);
      named.push({ resource, entity: guest });
    }
  }
  return { blocks, named };
}

export function guestFiles(ctx: GeneratorContext): GuestFiles {
  const header = hashHeader(ctx.provenance);
  const containers = guestBlocks(ctx, 'lxc', lxcResource);
  const vms = guestBlocks(ctx, 'vm', vmResource);
  return {
    files: [
      { path: 'lxc.tf', content: hclFile(header, spaced(containers.blocks)) },
      { path: 'vms.tf', content: hclFile(header, spaced(vms.blocks)) },
    ],
    containers: containers.named,
    vms: vms.named,
  };
}
