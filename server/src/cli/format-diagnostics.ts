import type { Diagnostic } from '../core/types';
import { RULES_BY_ID, docsUrl } from '../core/rules/registry';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  entities: number;
}

export function summarize(diags: Diagnostic[], files: number, entities: number): Summary {
  return {
    errors: diags.filter((d) => d.severity === 'error').length,
    warnings: diags.filter((d) => d.severity === 'warning').length,
    infos: diags.filter((d) => d.severity === 'info' || d.severity === 'hint').length,
    files,
    entities,
  };
}

export function formatText(diags: Diagnostic[], s: Summary): string {
  const lines: string[] = [];
  for (const d of diags) {
    lines.push(`${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`);
    for (const r of d.related ?? []) lines.push(`    ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.files, 'file')} (${plural(s.entities, 'entity').replace('entitys', 'entities')})`);
  return lines.join('\n') + '\n';
}

export function formatJson(diags: Diagnostic[], s: Summary): string {
  return JSON.stringify({ diagnostics: diags.map(({ data: _data, ...d }) => d), summary: s }, null, 2) + '\n';
}

/** SARIF 2.1.0, as code-scanning tools read it. */
export function formatSarif(diags: Diagnostic[], version: string): string {
  const used = [...new Set(diags.map((d) => d.code))].sort();
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const region = (r: Diagnostic['range']) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'strata',
            version,
            informationUri: 'https://github.com/strata-tools/strata',
            rules: used.map((id) => {
              const meta = RULES_BY_ID.get(id);
              return { id, shortDescription: { text: meta?.description ?? id }, helpUri: docsUrl(id), defaultConfiguration: { level: level(meta?.severity ?? 'error') } };
            }),
          },
        },
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: used.indexOf(d.code),
          level: level(d.severity),
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: d.file }, region: region(d.range) } }],
          ...(d.related?.length ? { relatedLocations: d.related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: r.file }, region: region(r.range) } })) } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
