/**
 * `.strata-manifest.json` in the output folder: which generator wrote which file with which hash,
 * and the input hash each generator ran on. The writer removes only files listed here, and a file
 * whose disk hash differs from its listed hash was edited by hand.
 */
export const MANIFEST_FILE = '.strata-manifest.json';

export interface ManifestGenerator {
  inputHash: string;
  sources: string[];
  /** Output-relative path -> `sha256:<hex>` of what Strata wrote. */
  files: Record<string, string>;
}

export interface Manifest {
  version: 1;
  tool: string;
  toolVersion: string;
  generators: Record<string, ManifestGenerator>;
}

export function emptyManifest(tool: string, toolVersion: string): Manifest {
  return { version: 1, tool, toolVersion, generators: {} };
}

/** Parses a manifest; anything malformed counts as no manifest (nothing is then removed). */
export function parseManifest(text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as Manifest;
    if (m?.version !== 1 || typeof m.generators !== 'object' || m.generators === null) return undefined;
    for (const g of Object.values(m.generators)) {
      if (typeof g?.inputHash !== 'string' || typeof g.files !== 'object' || g.files === null) return undefined;
      if (!Array.isArray(g.sources)) g.sources = [];
    }
    return m;
  } catch {
    return undefined;
  }
}

/** Sorted keys, two-space indent, trailing newline: the same manifest gives the same bytes. */
export function serializeManifest(m: Manifest): string {
  const generators: Record<string, ManifestGenerator> = {};
  for (const name of Object.keys(m.generators).sort()) {
    const g = m.generators[name]!;
    const files: Record<string, string> = {};
    for (const p of Object.keys(g.files).sort()) files[p] = g.files[p]!;
    generators[name] = { inputHash: g.inputHash, sources: [...g.sources].sort(), files };
  }
  return `${JSON.stringify({ version: 1, tool: m.tool, toolVersion: m.toolVersion, generators }, null, 2)}\n`;
}
