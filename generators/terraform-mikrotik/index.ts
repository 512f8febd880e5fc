/**
 * Terraform for MikroTik RouterOS with the terraform-routeros/routeros provider. The router is
 * whatever device manages the networks (`managed_by_ref`); with several routers each gets its
 * own folder.
 */
import { attr, block, expr, hclFile, spaced, type HclItem } from '../emit/hcl';
import { hashHeader } from '../emit/header';
import { endpointVariable, terraformOptions, versionsBlock, type TerraformProvider } from '../emit/terraform';
import type { GeneratedFile, GeneratorContext, GeneratorModule } from '../types';
import { addressBlocks, dhcpBlocks } from './addressing';
import { dnsBlocks, servedZones } from './dns';
import { firewallBlocks } from './firewall';
import { interfaceBlocks } from './interfaces';
import { qosBlocks } from './qos';
import { routeBlocks } from './routes';
import { routers, routerView, type RouterView } from './router-view';
import { containerBlocks, vpnBlocks } from './vpn-containers';
import { get, isSafeFileStem, str } from '../../server/src/core';

const ROUTEROS_PROVIDER: TerraformProvider = { local: 'routeros', source: 'terraform-routeros/routeros', version: '~> 1.40', endpointVariable: 'routeros_url', endpointWhat: 'router URL' };

function settingsFiles(ctx: GeneratorContext): GeneratedFile[] {
  const header = hashHeader(ctx.provenance);
  const urlVar = endpointVariable(ctx, ROUTEROS_PROVIDER);
  return [
    { path: 'versions.tf', content: hclFile(header, [versionsBlock(ctx, ROUTEROS_PROVIDER)]) },
    {
      path: 'provider.tf',
      content: hclFile(header, [
        block(
          'provider',
          ['routeros'],
          [
            ...attr('hosturl', expr(`var.${urlVar}`)),
            ...attr('username', expr('var.routeros_username')),
            ...attr('password', expr('var.routeros_password')),
            ...attr('insecure', expr('var.routeros_insecure')),
          ],
        ),
      ]),
    },
    {
      path: 'variables.tf',
      content: hclFile(
        header,
        spaced([
          block('variable', [urlVar], [...attr('description', 'RouterOS REST/API URL, e.g. https://192.168.88.1'), ...attr('type', expr('string'))]),
          block('variable', ['routeros_username'], [...attr('description', 'RouterOS user'), ...attr('type', expr('string'))]),
          block('variable', ['routeros_password'], [...attr('description', 'RouterOS password'), ...attr('type', expr('string')), ...attr('sensitive', true)]),
          block('variable', ['routeros_insecure'], [...attr('description', 'Skip TLS verification'), ...attr('type', expr('bool')), ...attr('default', false)]),
          block('variable', ['wireguard_peer_public_keys'], [...attr('description', 'WireGuard public key per peer device id'), ...attr('type', expr('map(string)')), ...attr('default', {})]),
        ]),
      ),
    },
  ];
}

function routerFiles(ctx: GeneratorContext, r: RouterView): GeneratedFile[] {
  const header = hashHeader(ctx.provenance);
  const file = (path: string, items: HclItem[], empty: string): GeneratedFile => ({ path, content: hclFile(header, items.length ? spaced(items) : [{ kind: 'comment', text: empty }]) });
  const zone = servedZones(ctx, r)[0];
  const domain = zone ? str(get(zone.node, 'domain')) : undefined;
  const vlanOutputs: Record<string, string> = {};
  for (const n of r.vlans) vlanOutputs[n.id] = r.vlanInterface(n);
  return [
    file('interfaces.tf', interfaceBlocks(ctx, r), `${r.device.id} has no bridged ports or VLANs.`),
    file('addresses.tf', addressBlocks(ctx, r), `No network managed by ${r.device.id} has a gateway address.`),
    file('dhcp.tf', dhcpBlocks(ctx, r, domain), `No network managed by ${r.device.id} runs DHCP.`),
    file('dns.tf', dnsBlocks(ctx, r), ''),
    file('firewall.tf', firewallBlocks(ctx, r), 'No firewall policies apply to this router.'),
    file('qos.tf', qosBlocks(ctx, r), `QoS is not enabled on ${r.device.id}.`),
    file('routes.tf', routeBlocks(ctx, r), `${r.device.id} has no static route beyond its connected and DHCP routes.`),
    file('vpn.tf', vpnBlocks(ctx, r), `${r.device.id} manages no WireGuard network.`),
    file('containers.tf', containerBlocks(ctx, r), `No service runs in a container on ${r.device.id}.`),
    file(
      'outputs.tf',
      [
        block('output', ['router'], [...attr('description', 'Device id of the router this configuration manages'), ...attr('value', r.device.id)]),
        block('output', ['vlan_interfaces'], [...attr('description', 'VLAN interface name per network id'), ...attr('value', vlanOutputs)]),
      ],
      '',
    ),
  ];
}

export const terraformMikrotik: GeneratorModule = {
  options: {
    ...terraformOptions(ROUTEROS_PROVIDER),
    bridge_name: { type: 'string', default: 'bridge', description: 'Name of the LAN bridge on the router.' },
    identities: { type: 'map', default: {}, description: 'System identity per router device id (default: the device id).' },
    upstream_dns: { type: 'map', default: {}, description: 'Upstream DNS servers per router device id (comma-separated).' },
    qos_uplink_mbps: { type: 'map', default: {}, description: 'Bandwidth QoS percentages refer to, per router (default: the primary uplink interface speed).' },
  },
  generate(ctx) {
    const list = routers(ctx);
    if (list.length === 0) {
      ctx.report('generator-missing-value', 'info', 'No network names a managing router (managed_by_ref) and L0 names no network manager, so no RouterOS configuration is generated.');
      return [];
    }
    const settings = settingsFiles(ctx);
    if (list.length === 1) return [...settings, ...routerFiles(ctx, routerView(ctx, list[0]!))];
    const safe = list.filter((d) => {
      if (isSafeFileStem(d.id)) return true;
      ctx.report('generator-unsafe-name', 'warning', `Router id '${d.id}' cannot name an output folder; its configuration is not generated. Rename the device.`, d);
      return false;
    });
    return safe.flatMap((d) => [...settings, ...routerFiles(ctx, routerView(ctx, d))].map((f) => ({ ...f, path: `${d.id}/${f.path}` })));
  },
};
