import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate, REPO } from '../../helpers/generate';
import { parseHcl, resource } from '../../helpers/hcl';
import { analysisOf } from '../../helpers/samples';
import { sampleV4WithUntaggedLan } from '../../helpers/topologies';

/**
 * The main LAN as real v4.0 repositories write it (`vlan: null`, `bridge_ref: null`, managed by the
 * router) gets its address, pool and DHCP server on the router's LAN bridge. Golden files under
 * test/golden/sample-v4-untagged-lan/ (`UPDATE_GOLDEN=1` rewrites them).
 */
const GOLDEN = join(REPO, 'test/golden/sample-v4-untagged-lan');
const FOLDER = 'terraform/mikrotik';

describe('generators: an untagged LAN on the router', () => {
  const files = sampleV4WithUntaggedLan();

  it('the topology itself is clean: no errors', () => {
    assert.deepEqual(
      analysisOf(files)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => `${d.file}: ${d.message}`),
      [],
    );
  });

  it('matches its golden files, with no generator warnings', async () => {
    const { plan, files: out } = await generate(files);
    assert.deepEqual(
      plan.runs.flatMap((r) => r.diagnostics).filter((d) => d.severity !== 'info'),
      [],
    );
    const mine = [...out.values()].filter((f) => f.path.startsWith(`${FOLDER}/`));
    if (process.env.UPDATE_GOLDEN) {
      rmSync(GOLDEN, { recursive: true, force: true });
      for (const f of mine) {
        mkdirSync(dirname(join(GOLDEN, f.path)), { recursive: true });
        writeFileSync(join(GOLDEN, f.path), f.content);
      }
    }
    const golden = existsSync(join(GOLDEN, FOLDER)) ? readdirSync(join(GOLDEN, FOLDER)).sort() : [];
    assert.deepEqual(mine.map((f) => f.path.slice(FOLDER.length + 1)).sort(), golden);
    for (const f of mine) assert.equal(f.content, readFileSync(join(GOLDEN, f.path), 'utf8'), `${f.path} differs from its golden file`);
  });

  it('address, pool, DHCP server and server network on the LAN bridge; every .tf parses as HCL', async () => {
    const { files: out } = await generate(files);
    const docs: Record<string, Awaited<ReturnType<typeof parseHcl>>> = {};
    for (const f of out.values()) if (f.path.startsWith(`${FOLDER}/`) && f.path.endsWith('.tf')) docs[f.path.slice(FOLDER.length + 1)] = await parseHcl(f.path, f.content);
    const addr = resource(docs['addresses.tf']!, 'routeros_ip_address', 'net_lan');
    assert.deepEqual([addr.address, addr.interface], ['192.168.88.1/24', 'bridge']);
    assert.deepEqual(resource(docs['dhcp.tf']!, 'routeros_ip_pool', 'net_lan').ranges, ['192.168.88.100-192.168.88.199']);
    const server = resource(docs['dhcp.tf']!, 'routeros_ip_dhcp_server', 'net_lan');
    assert.deepEqual([server.interface, server.address_pool], ['bridge', '${routeros_ip_pool.net_lan.name}']);
    const net = resource(docs['dhcp.tf']!, 'routeros_ip_dhcp_server_network', 'net_lan');
    assert.deepEqual([net.address, net.gateway, net.dns_server], ['192.168.88.0/24', '192.168.88.1', ['192.168.88.1']]);
    assert.equal(resource(docs['firewall.tf']!, 'routeros_ip_firewall_addr_list', 'zone_net_lan').address, '192.168.88.0/24');
    // The tagged networks keep their VLAN interfaces.
    assert.equal(resource(docs['addresses.tf']!, 'routeros_ip_address', 'net_users').interface, 'vlan10');
  });
});
