// ThirdPartyNotices.txt for the bundles: every npm package esbuild put into them (its metafile's
// inputs that gave output bytes), with version, license and the package's own license file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c`. */
export function packageDir(input) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
  return m ? m[1] : undefined;
}

/** Package folders per bundle, from esbuild metafiles: `{ 'dist/strata.js': metafile, … }`. */
export function bundledPackages(metafiles) {
  const byDir = new Map();
  for (const [bundle, metafile] of Object.entries(metafiles)) {
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const dir = packageDir(input);
        if (!dir || bytesInOutput === 0) continue;
        if (!byDir.has(dir)) byDir.set(dir, new Set());
        byDir.get(dir).add(bundle);
      }
    }
  }
  return byDir;
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

function licenseTexts(dir) {
  return readdirSync(dir)
    .filter((f) => LICENSE_FILE.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trim());
}

export function renderNotices(metafiles) {
  const entries = [...bundledPackages(metafiles)].map(([dir, bundles]) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see the package');
    const texts = existsSync(dir) ? licenseTexts(dir) : [];
    return { name: pkg.name, version: pkg.version, license, bundles: [...bundles].sort(), texts, home: pkg.homepage ?? pkg.repository?.url ?? pkg.repository };
  });
  entries.sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name.localeCompare(b.name)));
  const rule = '='.repeat(80);
  const parts = [
    'Third-party notices',
    '',
    'The Strata bundles contain the following npm packages. Each is listed with its version, its',
    'license, the bundles it is in, and the license text the package ships.',
  ];
  for (const e of entries) {
    parts.push('', rule, `${e.name} ${e.version} (${e.license})`, `in: ${e.bundles.join(', ')}`);
    if (typeof e.home === 'string') parts.push(e.home);
    parts.push(rule, '', e.texts.length ? e.texts.join('\n\n') : `The package ships no license file; package.json names the license ${e.license}.`);
  }
  return `${parts.join('\n')}\n`;
}
