/** Markdown documentation with Mermaid diagrams, one page per subject plus an index. */
import { htmlHeader } from '../emit/header';
import type { GeneratedFile, GeneratorContext, GeneratorModule } from '../types';
import { devices, overview, storage } from './pages-inventory';
import { ipAllocation, networkDiagram, trustZones, vlans } from './pages-network';
import { dataAssets, dependencies, services } from './pages-services';

/** The pages besides the overview, in the order the overview lists them. */
const PAGES: { file: string; title: string; render: (ctx: GeneratorContext) => string }[] = [
  { file: 'devices.md', title: 'Devices', render: devices },
  { file: 'network-diagram.md', title: 'Network diagram', render: networkDiagram },
  { file: 'ip-allocation.md', title: 'IP allocation', render: ipAllocation },
  { file: 'vlans.md', title: 'VLANs', render: vlans },
  { file: 'trust-zones.md', title: 'Trust zones', render: trustZones },
  { file: 'storage.md', title: 'Storage', render: storage },
  { file: 'services.md', title: 'Services', render: services },
  { file: 'data-assets.md', title: 'Data assets', render: dataAssets },
  { file: 'service-dependencies.md', title: 'Service dependencies', render: dependencies },
];

export const docs: GeneratorModule = {
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
            PAGES.map((p) => [p.file, p.title]),
          ),
        ),
      },
    ];
    for (const p of PAGES) files.push({ path: p.file, content: page(p.render(ctx)) });
    return files;
  },
};
