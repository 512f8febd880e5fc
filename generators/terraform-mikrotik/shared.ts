/** Naming helpers for RouterOS resources: checked entity names, and derived names made safe. */
import { terraformName, unsafeTerraformMessage, type Entity } from '../../server/src/core';
import type { GeneratorContext } from '../types';

export function tfName(ctx: GeneratorContext, e: Entity, prefix = ''): string | undefined {
  const name = terraformName(e.id);
  if (name === undefined) {
    ctx.report('generator-unsafe-name', 'warning', unsafeTerraformMessage(e), e);
    return undefined;
  }
  return `${prefix}${name}`;
}

/** A resource name from free text (port names, DNS names): lowercased, other characters -> `_`. */
export function derivedName(...parts: string[]): string {
  const s = parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  return /^[a-z_]/.test(s) ? s : `_${s}`;
}

/** Makes names unique in first-come order (`a`, `a_2`, `a_3`), keeping output deterministic. */
export class NameSet {
  private readonly used = new Set<string>();
  take(name: string): string {
    let n = name;
    for (let i = 2; this.used.has(n); i++) n = `${name}_${i}`;
    this.used.add(n);
    return n;
  }
}
