import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { requireAnsible, inventoryList } from '../../helpers/ansible';
import { content, generate } from '../../helpers/generate';
import { lxcWithDescription } from '../../helpers/topologies';

describe('generators: Ansible inventory', () => {
  before(function () {
    requireAnsible(this);
  });

  for (const sample of ['sample-v4', 'sample-refactored']) {
    it(`${sample}: ansible-inventory loads it with the expected hosts, groups and host vars`, async () => {
      const { files } = await generate(sample);
      const inv = inventoryList(files);
      assert.deepEqual(Object.keys(inv._meta.hostvars).sort(), ['gamayun', 'homeassistant', 'monitoring', 'oracle-arm-vps', 'orangepi5', 'postgresql', 'redis']);
      assert.deepEqual(inv.lxc_containers.hosts, ['monitoring', 'postgresql', 'redis']);
      assert.deepEqual(inv.vms.hosts, ['homeassistant']);
      assert.deepEqual(inv.physical.hosts, ['gamayun', 'orangepi5']);
      assert.deepEqual(inv.zone_servers.hosts.sort(), ['monitoring', 'orangepi5', 'postgresql', 'redis']);
      assert.deepEqual(inv.tag_production.hosts.sort(), ['homeassistant', 'monitoring', 'postgresql', 'redis']);
      const pg = inv._meta.hostvars.postgresql;
      assert.equal(pg.ansible_host, '10.0.30.10');
      assert.equal(pg.security_level, 3, 'zone group vars');
      assert.equal(pg.postgresql_version, '16', 'host_vars/postgresql.yml');
      assert.equal(pg.postgresql_users[0].password, '{{ vault_postgresql_nextcloud_password }}', 'vault placeholders stay templatable data');
      assert.equal(inv._meta.hostvars.redis.redis_maxmemory, '512mb');
      assert.equal(pg.strata_networks['net-servers'].cidr, '10.0.30.0/24', 'group_vars/all.yml');
    });
  }

  it('a description with Jinja, quotes and newlines loads as literal, never-templated text', async () => {
    const text = 'uses {{ lookup("pipe", "id") }} and "quotes"\nnew_key: injected';
    const src = lxcWithDescription('x');
    src['l2.yaml'] = `networks:\n- id: net-lan\n  name: LAN\n  cidr: 10.1.0.0/24\n  gateway: 10.1.0.1\n  description: ${JSON.stringify(text)}\n`;
    const { files } = await generate(src);
    const inv = inventoryList(files);
    // !unsafe: Ansible keeps the text and never templates it (ansible-inventory shows the marker).
    assert.deepEqual(inv._meta.hostvars.app.strata_networks['net-lan'].description, { __ansible_unsafe: text });
    assert.equal(inv._meta.hostvars.app.new_key, undefined);
  });
});

describe('generators: Ansible YAML', () => {
  it('host_vars follow the refactor: services.config feeds them, docker config stays out', async () => {
    const { files } = await generate('sample-refactored');
    const pg = parseYaml(content(files, 'ansible/inventory/host_vars/postgresql.yml'));
    assert.equal(pg.postgresql_listen_addresses, 'localhost,10.0.30.10');
    assert.equal(files.has('ansible/inventory/host_vars/orangepi5.yml'), false, 'config.docker belongs to the compose stack, not host vars');
  });
});
