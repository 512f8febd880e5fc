import { routerDeviceLines } from '../helpers/topologies';

/** A small multi-file workspace for protocol tests: layer files, a directory include, refs across files. */
export const WORKSPACE: Record<string, string> = {
  'topology.yaml': 'L1_foundation: !include topology/L1-foundation.yaml\nL2_network: !include topology/L2-network.yaml\nL5_application: !include topology/L5-application.yaml\n',
  'topology/L1-foundation.yaml': ['locations:', '- id: home', '  name: Home', '  type: home-office', 'devices:', ...routerDeviceLines('rtr-main', '  location: home'), ''].join('\n'),
  'topology/L2-network.yaml': [
    'trust_zones:',
    '  servers:',
    '    name: Servers',
    'networks:',
    '- id: net-servers',
    '  name: Servers',
    '  cidr: 10.0.30.0/24',
    '  trust_zone_ref: servers',
    '  managed_by_ref: rtr-main',
    '- id: net-iot',
    '  name: IoT',
    '  cidr: 10.0.40.0/24',
    '  trust_zone_ref: servers',
    '',
  ].join('\n'),
  'topology/L5-application.yaml': 'services: !include_dir_sorted L5-application/services\n',
  'topology/L5-application/services/svc-dns.yaml': 'id: svc-dns\nname: DNS\nruntime:\n  type: docker\n  target_ref: rtr-main\n  network_binding_ref: net-servers\n',
  'topology/L5-application/services/svc-web.yaml': 'id: svc-web\nname: Web\ndependencies:\n- service_ref: svc-dns\n',
};

/** WORKSPACE with one dangling ref: svc-dns binds to the network `net-srv`, which does not exist. */
export const WITH_DANGLING_REF: Record<string, string> = Object.fromEntries(
  Object.entries(WORKSPACE).map(([path, text]) => [path, path.endsWith('svc-dns.yaml') ? text.replace('net-servers', 'net-srv') : text]),
);
