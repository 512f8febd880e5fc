import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { block, parseHcl } from '../../helpers/hcl';
import { content, generate } from '../../helpers/generate';

/**
 * The v4.0 sample and the refactored one describe the same lab, so they must give the same
 * infrastructure. What the refactor added on purpose is set aside: LXC volumes (mount_point), the
 * tags it introduced, and its own tag groups.
 */
describe('generators: v4.0 and refactored samples are equivalent', () => {
  const withoutAdditions = (doc: Record<string, unknown>) => {
    const res = JSON.parse(JSON.stringify(doc.resource ?? {})) as Record<string, Record<string, Record<string, unknown>[]>>;
    for (const list of Object.values(res.proxmox_virtual_environment_container ?? {})) {
      delete list[0]!.mount_point;
      delete list[0]!.tags;
    }
    for (const list of Object.values(res.proxmox_virtual_environment_vm ?? {})) delete list[0]!.tags;
    return res;
  };

  it('Terraform: every resource of both providers is the same', async () => {
    const v4 = await generate('sample-v4');
    const ref = await generate('sample-refactored');
    const tfFiles = [...v4.files.keys()].filter((p) => p.endsWith('.tf'));
    assert.deepEqual(
      tfFiles,
      [...ref.files.keys()].filter((p) => p.endsWith('.tf')),
    );
    for (const path of tfFiles) {
      const a = await parseHcl(path, content(v4.files, path));
      const b = await parseHcl(path, content(ref.files, path));
      assert.deepEqual(withoutAdditions(b), withoutAdditions(a), path);
    }
    const lxc = await parseHcl('lxc.tf', content(ref.files, 'terraform/proxmox/lxc.tf'));
    const pg = lxc.resource!.proxmox_virtual_environment_container!.lxc_postgresql![0]!;
    assert.deepEqual(block(pg, 'mount_point'), [{ volume: 'local-lvm', size: '20G', path: '/var/lib/postgresql', backup: true }], 'the refactor adds the volume');
  });

  it('Ansible: same hosts, platform and zone groups, and host_vars (from services.config after the refactor)', async () => {
    const v4 = await generate('sample-v4');
    const ref = await generate('sample-refactored');
    const hosts = (files: typeof v4.files) => {
      const children = parseYaml(content(files, 'ansible/inventory/hosts.yml')).all.children as Record<string, unknown>;
      return Object.fromEntries(Object.entries(children).filter(([g]) => !g.startsWith('tag_')));
    };
    assert.deepEqual(hosts(ref.files), hosts(v4.files));
    for (const h of ['postgresql', 'redis']) {
      const path = `ansible/inventory/host_vars/${h}.yml`;
      assert.deepEqual(parseYaml(content(ref.files, path)), parseYaml(content(v4.files, path)), path);
    }
    assert.equal(parseYaml(content(ref.files, 'ansible/inventory/host_vars/postgresql.yml')).postgresql_version, '16');
  });

  it('Docs: services resolve to the same runtime and IP', async () => {
    const v4 = await generate('sample-v4');
    const ref = await generate('sample-refactored');
    const table = (t: string) => t.split('\n').filter((l) => l.startsWith('| `svc-'));
    assert.deepEqual(table(content(ref.files, 'docs/services.md')), table(content(v4.files, 'docs/services.md')));
    assert.match(content(ref.files, 'docs/services.md'), /\| `svc-grafana` \| Grafana \| lxc \| lxc-monitoring \| 10\.0\.30\.30 \(net-servers\) \|/);
    assert.match(content(ref.files, 'docs/services.md'), /\| `svc-wireguard` \| WireGuard \| baremetal \| mikrotik-chateau \| 10\.0\.200\.1 \(net-vpn\) \|/);
  });
});
