/** Readings the Proxmox files share: node names, checked resource names, sorted entities. */
import { get, str, terraformName, unsafeTerraformMessage, type Entity } from '../../server/src/core';
import type { GeneratorContext } from '../types';

export const RULE_UNSAFE = 'generator-unsafe-name';

/** The Proxmox node a device is: `node_names` option, else the device id. */
export function nodeName(ctx: GeneratorContext, deviceId: string): string {
  return ctx.mapOption('node_names')[deviceId] ?? deviceId;
}

/** The resource name for an entity, or undefined (reported) when its id is unsafe. */
export function resourceName(ctx: GeneratorContext, e: Entity): string | undefined {
  const name = terraformName(e.id);
  if (name === undefined) ctx.report(RULE_UNSAFE, 'warning', unsafeTerraformMessage(e), e);
  return name;
}

export function byId(a: Entity, b: Entity): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function field(e: Entity, key: string): string | undefined {
  return str(get(e.node, key));
}

/** Devices that host guests or bridges: the Proxmox nodes this configuration manages. */
export function proxmoxNodes(ctx: GeneratorContext): string[] {
  const ids = new Set<string>();
  for (const kind of ['lxc', 'vm', 'bridge'])
    for (const e of ctx.index.ofKind(kind)) {
      const d = field(e, 'device_ref');
      if (d) ids.add(d);
    }
  return [...ids].sort();
}
