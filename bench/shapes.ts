/**
 * The workspace shapes the benchmark measures, each at any number of entities:
 * - `v4`: the v4.0 layout real repositories still have: every service in one big `services.yaml`
 *   (`lxc_ref`, `network_ref` and an `ip` each), one file per container, device and network, and a
 *   finding on most entities (the legacy fields and the redundant service ip, a few conflicts);
 * - `refactored`: today's layout, list files of about ten entities under `!include_dir_sorted`;
 * - `dir-sorted`: one entity per file under `!include_dir_sorted`.
 */
import { syntheticWorkspace } from './synthetic';

export type Shape = 'v4' | 'refactored' | 'dir-sorted';
export const SHAPES: Shape[] = ['v4', 'refactored', 'dir-sorted'];

export interface ShapedWorkspace {
  files: Record<string, string>;
  /** The biggest file (most lines), and a small one: both get edits that change their findings. */
  big: string;
  small: string;
}

export function shapedWorkspace(shape: Shape, entities: number): ShapedWorkspace {
  const files =
    shape === 'v4'
      ? v4Workspace(entities)
      : withFewFindings(shape === 'refactored' ? syntheticWorkspace({ entities, files: Math.max(20, Math.round(entities / 10)) }) : onePerFile(syntheticWorkspace({ entities, files: entities + 12 })));
  const paths = Object.keys(files).sort();
  const lines = (p: string) => files[p]!.split('\n').length;
  const editable = paths.filter((p) => /_ref: [a-z]/.test(files[p]!));
  const big = editable.reduce((a, b) => (lines(b) > lines(a) ? b : a));
  const small = editable.find((p) => p !== big && lines(p) < 40 && /L[45]-/.test(p)) ?? editable.find((p) => p !== big)!;
  return { files, big, small };
}

/** A clean workspace publishes nothing; these have a few findings, as real ones do: one broken ref in the last health checks file. */
function withFewFindings(files: Record<string, string>): Record<string, string> {
  const last = Object.keys(files)
    .filter((p) => p.includes('/healthchecks/'))
    .sort()
    .pop();
  if (last) files[last] = files[last]!.replace(/service_ref: (svc-s\d+)/, 'service_ref: $1-retired');
  return files;
}

/** List files of one entity each become map files (`!include_dir_sorted` takes a map file as one item). */
function onePerFile(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, text] of Object.entries(files)) {
    out[p] =
      /\/part-\d+\.yaml$/.test(p) && text.startsWith('- ')
        ? text
            .split('\n')
            .map((l) => l.slice(2))
            .join('\n')
        : text;
  }
  return out;
}

function v4Workspace(entities: number): Record<string, string> {
  const out: Record<string, string> = {};
  const n = {
    service: Math.round(entities * 0.35),
    lxc: Math.round(entities * 0.35),
    device: Math.max(2, Math.round(entities * 0.04)),
    network: Math.max(2, Math.min(250, Math.round(entities * 0.02))),
  };
  const checks = Math.max(0, entities - n.service - n.lxc - n.device - n.network);
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  const ip = (net: number, host: number) => `10.${Math.floor(net / 250)}.${net % 250}.${host}`;
  const lxcNet = (i: number) => i % n.network;
  const lxcHost = (i: number) => 10 + (Math.floor(i / n.network) % 240);
  // One include list per collection, one file per item (the v4.0 `_index.yaml` layout).
  const includeList = (dir: string, items: [string, string][]) => {
    for (const [name, text] of items) out[`topology/${dir}/${name}.yaml`] = text;
    out[`topology/${dir}/_index.yaml`] = items.map(([name]) => `- !include ${name}.yaml\n`).join('');
    return `!include ${dir}/_index.yaml`;
  };
  const devices = range(n.device).map((i): [string, string] => [
    `dev-${i}`,
    `id: dev-${i}\nname: Device ${i}\ntype: ${i === 0 ? 'router' : 'hypervisor'}\nrole: ${i === 0 ? 'central-gateway' : 'compute'}\nclass: ${i === 0 ? 'network' : 'compute'}\nsubstrate: baremetal-owned\naccess: local-lan\nlocation: loc-0\ndescription: Host ${i}\ninterfaces:\n- id: if-dev-${i}-eth0\n  name: eth0\n  type: ethernet\n  description: uplink\n`,
  ]);
  const networks = range(n.network).map((i): [string, string] => [
    `net-n${i}`,
    `id: net-n${i}\nname: Network ${i}\ncidr: ${ip(i, 0)}/24\ngateway: ${ip(i, 1)}\nvlan: ${10 + i}\ntrust_zone_ref: servers\nmanaged_by_ref: dev-0\ndescription: Network ${i}\n`,
  ]);
  const lxc = range(n.lxc).map((i): [string, string] => [
    `lxc-c${i}`,
    `id: lxc-c${i}\nvmid: ${1000 + i}\nname: c${i}\ndevice_ref: dev-${1 + (i % (n.device - 1))}\ntype: application\nrole: app-server\ndescription: Container ${i}\nresources:\n  cores: 1\n  memory_mb: 512\n  swap_mb: 256\nnetworks:\n- interface: eth0\n  network_ref: net-n${lxcNet(i)}\n  ip: ${ip(lxcNet(i), lxcHost(i))}/24\n  gateway: ${ip(lxcNet(i), 1)}\n  vlan_tag: ${10 + lxcNet(i)}\n`,
  ]);
  // Ten lines a service; one in fifty sets an ip its container does not have (a conflict).
  const services = range(n.service)
    .map((i) => {
      const c = i % n.lxc;
      const host = i % 50 === 49 ? 250 : lxcHost(c);
      return `- id: svc-s${i}\n  name: Service ${i}\n  type: web-application\n  lxc_ref: lxc-c${c}\n  network_ref: net-n${lxcNet(c)}\n  ip: ${ip(lxcNet(c), host)}\n  port: ${8000 + (i % 1000)}\n  protocol: tcp\n  trust_zone_ref: servers\n  description: Service ${i}\n`;
    })
    .join('');
  const perCheckFile = 4;
  const checkFiles = range(Math.ceil(checks / perCheckFile)).map((f): [string, string] => [
    `checks-${String(f).padStart(4, '0')}`,
    range(Math.min(perCheckFile, checks - f * perCheckFile))
      .map((k) => f * perCheckFile + k)
      .map((i) => `- id: health-h${i}\n  name: Check ${i}\n  description: Check ${i}\n  enabled: true\n  service_ref: svc-s${i % Math.max(1, n.service)}\n  interval: 60\n  timeout: 5\n`)
      .join(''),
  ]);
  const layers = ['L0_meta', 'L1_foundation', 'L2_network', 'L3_data', 'L4_platform', 'L5_application', 'L6_observability', 'L7_operations'];
  out['topology.yaml'] = `${layers.map((k, i) => `${k}: !include topology/L${i}-${k.split('_')[1]}.yaml`).join('\n')}\n`;
  out['topology/L0-meta.yaml'] = "version: '4.0.0'\n";
  out['topology/L1-foundation.yaml'] = `locations:\n- id: loc-0\n  name: Home\n  type: home-office\n  description: Home\ndevices: ${includeList('L1-foundation/devices', devices)}\n`;
  out['topology/L2-network.yaml'] = `trust_zones:\n  servers:\n    name: Servers\n    security_level: 2\n    description: Servers\nnetworks: ${includeList('L2-network/networks', networks)}\n`;
  out['topology/L3-data.yaml'] = '{}\n';
  out['topology/L4-platform.yaml'] = `lxc: ${includeList('L4-platform/lxc', lxc)}\n`;
  out['topology/L5-application.yaml'] = 'services: !include L5-application/services.yaml\n';
  out['topology/L5-application/services.yaml'] = services;
  // Health checks in list files of four, spliced in by `!include_dir_sorted`.
  for (const [name, text] of checkFiles) out[`topology/L6-observability/healthchecks/${name}.yaml`] = text;
  out['topology/L6-observability.yaml'] = 'healthchecks: !include_dir_sorted L6-observability/healthchecks\n';
  out['topology/L7-operations.yaml'] = '{}\n';
  return out;
}
