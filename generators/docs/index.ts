/** Markdown documentation with Mermaid diagrams, one page per subject plus an index. */
import { htmlHeader } from '../emit/header';
import type { GeneratedFile, Generator, GeneratorContext } from '../types';
import { devices, overview, storage } from './pages-inventory';
import { ipAllocation, networkDiagram, trustZones, vlans } from './pages-network';
import { dataAssets, dependencies, services } from './pages-services';

const PAGES: [string, string, (ctx: GeneratorContext) => string][] = [
  ['devices.md', 'Devices', devices],
  ['network-diagram.md', 'Network diagram', networkDiagram],
  ['ip-allocation.md', 'IP allocation', ipAllocation],
  ['vlans.md', 'VLANs', vlans],
  ['trust-zones.md', 'Trust zones', trustZones],
  ['storage.md', 'Storage', storage],
  ['services.md', 'Services', services],
  ['data-assets.md', 'Data assets', dataAssets],
  ['service-dependencies.md', 'Service dependencies', dependencies],
];

export const docs: Generator = {
  name: 'docs',
  version: '1',
  title: 'Docs',
  folder: 'docs',
  layers: ['L0_meta', 'L1_foundation', 'L2_network', 'L3_data', 'L4_platform', 'L5_application', 'L6_observability', 'L7_operations'],
  options: {},
  generate(ctx) {
    const header = htmlHeader(ctx.provenance);
    const page = (body: string) => `${header}\n\n${body.trimEnd()}\n`;
    const files: GeneratedFile[] = [
      {
        path: 'overview.md',
        content: page(
          overview(
            ctx,
            PAGES.map(([f, t]) => [f, t]),
          ),
        ),
      },
    ];
    for (const [file, , render] of PAGES) files.push({ path: file, content: page(render(ctx)) });
    return files;
  },
};
