/**
 * Phase 6: application keys in an LXC's or VM's `ansible.vars` (postgresql_, redis_, … prefixes,
 * docs/format.md#service-config) move verbatim into the `config` of the service that runs there. The guest keeps
 * `ansible.enabled` and `playbook` (and any vars that are not application keys).
 */
import { APP_VAR_PREFIXES } from '../model/legacy-shapes';
import { guests, serviceRuntime } from '../model/canonical';
import type { Entity } from '../model/extract';
import { deref, get, toJS, type SEntry, type SMap } from '../workspace/nodes';
import { idTokens } from './derive';
import { defineMigration, inScope } from './migration';
import type { PlanBuilder } from './plan-builder';
import { insertAfter, movableValueText, removeEntry, renderEntry } from './yaml-text';

const prefixOf = (key: string) => APP_VAR_PREFIXES.find((p) => key.startsWith(p));

export const serviceConfigMigration = defineMigration('service-config', {
  fixes: ['lxc.ansible.vars', 'vm.ansible.vars'],
  itemScoped: true,
  plan({ model, scope }, b) {
    for (const guest of guests(model.index)) {
      const ansible = deref(get(guest.node, 'ansible'));
      const varsEntry = ansible?.kind === 'map' ? ansible.byKey.get('vars') : undefined;
      const vars = deref(varsEntry?.value);
      if (!varsEntry || ansible?.kind !== 'map' || vars?.kind !== 'map') continue;
      const appKeys = vars.entries.filter((e) => prefixOf(e.key));
      if (!appKeys.length) continue;
      const runners = model.index.ofKind('service').filter((s) => {
        const rt = serviceRuntime(s);
        return rt.targetKind === guest.kind && rt.targetId === guest.id;
      });
      if (!inScope(scope, guest) && !runners.some((s) => inScope(scope, s))) continue;
      const bySvc = assign(appKeys, runners);
      const unplaced = appKeys.filter((k) => ![...bySvc.values()].some((list) => list.includes(k)));
      if (unplaced.length) {
        b.fillIn({
          entity: `${guest.kind}:${guest.id}`,
          file: guest.node.file,
          message: `${guest.kind} ${guest.id}: no service runs in it for ${unplaced.map((k) => k.key).join(', ')} in ansible.vars; give that service a runtime in ${guest.id}, or move the keys to its config by hand.`,
          left: true,
        });
        continue;
      }
      const conflict = [...bySvc].find(([svc, keys]) => keys.some((k) => deref(get(get(svc.node, 'config'), k.key)) !== undefined));
      if (conflict) {
        b.fillIn({
          entity: `service:${conflict[0].id}`,
          file: conflict[0].node.file,
          message: `service ${conflict[0].id}: config already sets keys that ${guest.id}'s ansible.vars also sets; merge them by hand.`,
          left: true,
        });
        continue;
      }
      const gText = b.text(guest.node.file);
      const allMove = appKeys.length === vars.entries.length;
      for (const [svc, keys] of bySvc) moveInto(b, svc, guest, gText, keys, allMove && bySvc.size === 1 ? varsEntry : undefined);
      if (allMove) b.edit(removeEntry(gText, ansible, varsEntry));
      else for (const k of appKeys) b.edit(removeEntry(gText, vars, k));
      b.change(`${guest.kind}:${guest.id}`, 'changed', `ansible.vars → ${[...bySvc.keys()].map((s) => s.id).join(', ')} config`);
    }
  },
});

/** One runner takes every key; several split them by the application word of the prefix. */
function assign(keys: SEntry[], runners: Entity[]): Map<Entity, SEntry[]> {
  const out = new Map<Entity, SEntry[]>();
  if (runners.length === 1) {
    out.set(runners[0]!, keys);
    return out;
  }
  for (const k of keys) {
    const word = prefixOf(k.key)!.replace(/_$/, '');
    const svc = runners.find((s) => idTokens(s.id).includes(word));
    if (svc) out.set(svc, [...(out.get(svc) ?? []), k]);
  }
  return out;
}

function moveInto(b: PlanBuilder, svc: Entity, guest: Entity, gText: string, keys: SEntry[], wholeVars: SEntry | undefined): void {
  const sText = b.text(svc.node.file);
  const config = deref(get(svc.node, 'config'));
  const body = (col: number) => {
    if (wholeVars) {
      const moved = movableValueText(gText, wholeVars, col - 2);
      if (moved !== undefined) return moved.replace(/^:[^\n]*\n/, '');
    }
    return keys
      .map((k) => {
        const moved = movableValueText(gText, k, col);
        return moved !== undefined ? `${' '.repeat(col)}${k.key}${moved}${moved.endsWith('\n') ? '' : '\n'}` : renderEntry(k.key, toJS(k.value), col);
      })
      .join('');
  };
  if (config?.kind === 'map' && config.entries.length) {
    b.edit(insertAfter(sText, config as SMap, undefined, (col) => body(col)));
    return;
  }
  b.edit(insertAfter(sText, svc.node, undefined, (col) => `${' '.repeat(col)}# Moved verbatim from ${guest.id}.ansible.vars\n${' '.repeat(col)}config:\n${body(col + 2)}`));
}
