/**
 * The one name-safety check: generators call it before an id becomes a Terraform identifier or a
 * name becomes a file name, and the `generator-unsafe-name` rule calls it so the editor shows the
 * same verdict before anything is generated.
 */
import { get, str, type SScalar } from '../workspace/nodes';
import { spanOf, type Entity } from '../model/extract';
import type { EntityIndex } from '../model/entity-index';
import type { Span } from '../types';

const TF_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const FILE_STEM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The Terraform resource name for an id (`lxc-postgresql` -> `lxc_postgresql`), or undefined when unsafe. */
export function terraformName(id: string): string | undefined {
  return TF_IDENTIFIER.test(id) ? id.replace(/-/g, '_') : undefined;
}

/** True when `name` can be a file name on every platform without escaping its folder. */
export function isSafeFileStem(name: string): boolean {
  return FILE_STEM.test(name) && !name.endsWith('.') && !name.includes('..') && !WINDOWS_RESERVED.test(name);
}

/** Kinds whose ids generators turn into Terraform resource names. */
export const TERRAFORM_NAMED_KINDS = ['bridge', 'lxc', 'vm', 'network', 'firewall_policy', 'qos_queue', 'trust_zone', 'device', 'service'] as const;

/** The inventory host name of an LXC or VM (its `name`, else its id) or of a device (its id). */
export function inventoryHostName(e: Entity): { name: string; node: SScalar | undefined } {
  if (e.kind === 'lxc' || e.kind === 'vm') {
    const n = get(e.node, 'name');
    const name = str(n);
    if (name !== undefined) return { name, node: n?.kind === 'scalar' ? n : undefined };
  }
  return { name: e.id, node: undefined };
}

export interface UnsafeName {
  entity: Entity;
  value: string;
  use: 'terraform' | 'file';
  span: Span;
  message: string;
}

export function unsafeTerraformMessage(e: Entity): string {
  return `${e.kind} id '${e.id}' cannot become a Terraform resource name (letters, digits, '_' and '-', starting with a letter or '_', at most 64 characters); generators skip it. Rename the ${e.kind}.`;
}

export function unsafeFileMessage(e: Entity, name: string): string {
  return `'${name}' (host name of ${e.kind} '${e.id}') cannot become a file name under host_vars/: use letters, digits, '.', '_' and '-' (no '..', no path separators); the Ansible generator skips this host.`;
}

/** Every unsafe name in the model, in entity order (what the rule reports). */
export function unsafeNames(index: EntityIndex): UnsafeName[] {
  const out: UnsafeName[] = [];
  const tfKinds = new Set<string>(TERRAFORM_NAMED_KINDS);
  for (const e of index.entities) {
    if (tfKinds.has(e.kind) && terraformName(e.id) === undefined) {
      out.push({ entity: e, value: e.id, use: 'terraform', span: e.idSpan, message: unsafeTerraformMessage(e) });
    }
    if (e.kind === 'lxc' || e.kind === 'vm' || e.kind === 'device') {
      const host = inventoryHostName(e);
      if (!isSafeFileStem(host.name)) {
        out.push({ entity: e, value: host.name, use: 'file', span: host.node ? spanOf(host.node) : e.idSpan, message: unsafeFileMessage(e, host.name) });
      }
    }
  }
  return out;
}
