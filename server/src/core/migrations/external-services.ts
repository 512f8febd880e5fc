/**
 * Phase 8: `external_services[].docker_services[]` move into the `config.docker` of the service
 * they run (matched by normalised name; the host's ip becomes `host_ip`), unmatched ones become
 * services of their own, and `external_services` goes. A service `ip` equal to the address its
 * runtime gives it goes too; one that differs (or cannot be checked) is kept and reported.
 */
import { serviceRuntime } from '../model/canonical';
import type { Entity } from '../model/extract';
import { deref, get, items, str, toJS, type SEntry, type SMap } from '../workspace/nodes';
import { addItems, mapAt } from './collections';
import { derivedServiceIp } from './derive';
import { defineMigration, inScope, type Migration } from './migration';
import type { PlanBuilder } from './plan-builder';
import { insertAfter, movableValueText, removeEntry, renderEntry } from './yaml-text';

const normal = (s: string) =>
  s
    .toLowerCase()
    .replace(/^svc-/, '')
    .replace(/[^a-z0-9]/g, '');

export const externalServicesMigration = defineMigration('external-services', {
  fixes: ['L5_application.external_services', 'service.ip'],
  itemScoped: true,
  plan({ model, scope }, b) {
    const l5 = mapAt(model, ['L5_application']);
    const ext = l5?.byKey.get('external_services');
    const services = model.index.ofKind('service');
    if (l5 && ext && !scope) {
      for (const host of model.index.ofKind('external_service')) foldHost(b, model, host, services);
      b.edit(removeEntry(b.text(l5.file), l5, ext));
    }
    for (const svc of services) {
      if (!inScope(scope, svc)) continue;
      const ipEntry = svc.node.byKey.get('ip');
      if (!ipEntry) continue;
      const ip = str(ipEntry.value);
      const derived = derivedServiceIp(model, svc);
      if (ip !== undefined && derived === ip) {
        b.edit(removeEntry(b.text(svc.node.file), svc.node, ipEntry));
        b.change(`service:${svc.id}`, 'changed', `ip ${ip} removed (its runtime gives it)`);
      } else {
        const why = derived ? `its runtime gives it ${derived}` : 'no runtime target address in its bound network confirms it';
        b.fillIn({ entity: `service:${svc.id}`, file: svc.node.file, message: `service ${svc.id}: ip ${ip ?? '?'} kept, ${why}; correct the runtime (or the address) and remove \`ip\`.`, left: true });
      }
    }
  },
});

function foldHost(b: PlanBuilder, model: Parameters<Migration['plan']>[0]['model'], host: Entity, services: Entity[]): void {
  const hostText = b.text(host.node.file);
  const hostIp = str(get(host.node, 'ip'));
  const device = str(get(host.node, 'device_ref'));
  const description = str(get(host.node, 'description'));
  const unmatched: Record<string, unknown>[] = [];
  for (const item of items(get(host.node, 'docker_services'))) {
    const d = deref(item);
    if (d?.kind !== 'map') continue;
    const name = str(get(d, 'name')) ?? '';
    const svc = services.find((s) => normal(s.id) === normal(name) || normal(str(get(s.node, 'name')) ?? '') === normal(name));
    if (!svc) {
      unmatched.push(newService(host, d, name, hostIp, device));
      continue;
    }
    const image = serviceRuntime(svc).image;
    const keys = d.entries.filter((e) => e.key !== 'name' && !(e.key === 'image' && str(e.value) === image));
    const svcText = b.text(svc.node.file);
    const config = deref(get(svc.node, 'config'));
    const note = `From the former external_services ${host.id}${description ? ` (${description})` : ''}`;
    if (config?.kind === 'map') {
      if (config.byKey.has('docker')) {
        b.fillIn({ entity: `service:${svc.id}`, file: svc.node.file, message: `service ${svc.id} already has config.docker; merge ${host.id}'s docker_services '${name}' into it by hand.` });
        continue;
      }
      b.edit(insertAfter(svcText, config, undefined, (col) => dockerBlock(hostText, keys, hostIp, col)));
    } else {
      b.edit(insertAfter(svcText, svc.node, undefined, (col) => `${' '.repeat(col)}# ${note}\n${' '.repeat(col)}config:\n${dockerBlock(hostText, keys, hostIp, col + 2)}`));
    }
    const target = serviceRuntime(svc).targetId;
    if (device && target && target !== device)
      b.fillIn({ entity: `service:${svc.id}`, message: `service ${svc.id} runs on ${target}, but ${host.id} put its container on ${device}; check which is right.` });
    b.change(`service:${svc.id}`, 'changed', `config.docker from ${host.id}`);
  }
  if (unmatched.length) {
    addItems(
      b,
      model,
      ['L5_application'],
      'services',
      unmatched.map((value) => ({ id: String(value.id), value })),
    );
    for (const s of unmatched) b.change(`service:${String(s.id)}`, 'added', `from ${host.id}`);
  }
  b.change(`external_service:${host.id}`, 'removed', 'folded into services');
}

function dockerBlock(text: string, keys: SEntry[], hostIp: string | undefined, col: number): string {
  const pad = ' '.repeat(col);
  let out = `${pad}docker:\n`;
  if (hostIp) out += `${pad}  host_ip: ${hostIp}\n`;
  for (const e of keys) {
    const moved = movableValueText(text, e, col + 2);
    out += moved !== undefined ? `${pad}  ${e.key}${moved}${moved.endsWith('\n') ? '' : '\n'}` : renderEntry(e.key, toJS(e.value), col + 2);
  }
  return out;
}

function newService(host: Entity, d: SMap, name: string, hostIp: string | undefined, device: string | undefined): Record<string, unknown> {
  const docker: Record<string, unknown> = hostIp ? { host_ip: hostIp } : {};
  let image: unknown;
  for (const e of d.entries) {
    if (e.key === 'name') continue;
    if (e.key === 'image') image = toJS(e.value);
    else docker[e.key] = toJS(e.value);
  }
  return {
    id: `svc-${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`,
    name,
    runtime: { type: 'docker', ...(device ? { target_ref: device } : {}), ...(image ? { image } : {}) },
    config: { docker },
    description: `From the former external_services ${host.id}`,
  };
}
