import { docsUrl, MIGRATIONS, RULES_BY_ID, type Diagnostic } from '../core';
import { shellWord } from './args';
import { PLAIN, type Paint } from './color';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  files: number;
  entities: number;
}

export function summarize(diags: Diagnostic[], files: number, entities: number): Summary {
  const count = (severity: Diagnostic['severity']) => diags.filter((d) => d.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint'), files, entities };
}

export interface TextOptions {
  /** Also list infos and hints one by one (they are always counted). */
  verbose?: boolean;
  /** The workspace folder as the user wrote it, for the commands the report suggests. */
  dir?: string;
  /** How a workspace-relative path is printed (default: as it is). */
  pathOf?: (file: string) => string;
  /** Terminal colors (default: none). */
  paint?: Paint;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function findingLines(d: Diagnostic, pathOf: (file: string) => string, paint: Paint): string[] {
  const at = (file: string, r: Diagnostic['range']) => `${pathOf(file)}:${r.start.line + 1}:${r.start.character + 1}`;
  return [`${at(d.file, d.range)}: ${paint.severity(d.severity, d.severity)} ${d.code}: ${d.message}`, ...(d.related ?? []).map((r) => paint.dim(`    ${at(r.file, r.range)}: ${r.message}`))];
}

const migrationOf = (d: Diagnostic): string | undefined => (typeof d.data?.migration === 'string' ? d.data.migration : undefined);

/** One line per migration that findings are pending on: how many, and the command that applies it. */
function pendingMigrationLines(diags: Diagnostic[], dir: string): string[] {
  const counts = new Map<string, number>();
  for (const d of diags) {
    const id = migrationOf(d);
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return Object.entries(MIGRATIONS)
    .filter(([id]) => counts.has(id))
    .map(([id, m]) => `migration pending: ${id} (${m.title}): ${plural(counts.get(id)!, 'finding')}; apply with: strata migrate ${shellWord(dir)} --only ${id} --write`);
}

/**
 * The text report: errors and warnings one by one, legacy shapes as one line per pending migration,
 * infos and hints only with `verbose`; the summary counts everything.
 */
export function formatText(diags: Diagnostic[], s: Summary, options: TextOptions = {}): string {
  const lines: string[] = [];
  const paint = options.paint ?? PLAIN;
  for (const d of diags) {
    const listed = options.verbose || ((d.severity === 'error' || d.severity === 'warning') && !migrationOf(d));
    if (listed) lines.push(...findingLines(d, options.pathOf ?? ((f) => f), paint));
  }
  lines.push(...pendingMigrationLines(diags, options.dir ?? '.'));
  const hidden = options.verbose ? 0 : s.infos + s.hints;
  const entities = plural(s.entities, 'entity').replace('entitys', 'entities');
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}, ${plural(s.hints, 'hint')} in ${plural(s.files, 'file')} (${entities})`;
  lines.push(`${paint.summary(s.errors ? 'error' : s.warnings ? 'warning' : 'clean', counts)}${hidden ? '; infos and hints are listed with --verbose' : ''}`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(diags: Diagnostic[], s: Summary): string {
  return `${JSON.stringify({ diagnostics: diags.map(({ data: _data, ...d }) => d), summary: s }, null, 2)}\n`;
}

/** The SARIF base every artifact's URI is relative to: the workspace folder. */
export const SARIF_BASE = '%SRCROOT%';

/** A workspace-relative path as a relative URI reference (each segment percent-encoded). */
const relativeUri = (file: string) => file.split('/').map(encodeURIComponent).join('/');

/** SARIF 2.1.0, as code-scanning tools read it; `root` is the workspace folder as a file:// URI ending in `/`. */
export function formatSarif(diags: Diagnostic[], version: string, root: string): string {
  const artifact = (file: string) => ({ uri: relativeUri(file), uriBaseId: SARIF_BASE });
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
        originalUriBaseIds: { [SARIF_BASE]: { uri: root, description: { text: 'The checked workspace folder' } } },
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: used.indexOf(d.code),
          level: level(d.severity),
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: artifact(d.file), region: region(d.range) } }],
          ...(d.related?.length
            ? { relatedLocations: d.related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(r.file), region: region(r.range) } })) }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
