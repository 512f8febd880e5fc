import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { CONVENTIONAL_SCHEMA_PATH } from '../../server/src/core/model/repository-schema';
import { formatSchemaAt, type FormatPoint } from './format-schema-json';
import { readTree } from './workspace-files';

/** Where each bundled sample's reviewed list of warnings and errors lives. */
export const SNAPSHOTS = path.join(__dirname, '../../../test/precision');

/** The reason an entry gets when the update writes it: the suite fails until a person replaces it. */
export const UNREVIEWED = 'UNREVIEWED: say why this finding is right, or fix the rule';

/** One warning or error, as the snapshot names it. */
export interface Claim {
  severity: 'error' | 'warning';
  rule: string;
  file: string;
  line: number;
}

export interface Entry extends Claim {
  reason: string;
}

export const claimKey = (c: Claim): string => `${c.severity} ${c.rule} ${c.file}:${c.line}`;

const checkOf = (files: Record<string, string>) => analyze(new Workspace(new MemoryFileSystem(files)), topologyDeclarations(), { oneShot: true, kubernetes: true });

/** Every warning and error a CLI check of the files reports (topology and Kubernetes), in report order. */
export function claimsOf(files: Record<string, string>): Claim[] {
  const { diagnostics } = checkOf(files);
  const out: Claim[] = [];
  for (const d of diagnostics) if (d.severity === 'error' || d.severity === 'warning') out.push({ severity: d.severity, rule: d.code, file: d.file, line: d.range.start.line + 1 });
  return out;
}

export function sampleTree(dir: string): Record<string, string> {
  return readTree(dir);
}

/**
 * The bundled labs written at one point of the format's life each: they are checked as they are
 * and with that point's own schema of the format where a repository keeps it.
 */
export const FORMAT_POINT_OF_SAMPLE: Record<string, FormatPoint> = {
  'lab-v4.0': 'v4.0',
  'lab-mid': 'mid',
  'lab-later': 'later',
  'lab-dual-stack': 'v4.0',
};

/** How many findings of each severity a CLI check of the files reports. */
export function severityCounts(files: Record<string, string>): Record<'error' | 'warning' | 'info' | 'hint', number> {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of checkOf(files).diagnostics) counts[d.severity]++;
  return counts;
}

/** The files with the format's schema at `point` placed where a repository of the format keeps it. */
export function withFormatSchema(files: Record<string, string>, point: FormatPoint): Record<string, string> {
  return { ...files, [CONVENTIONAL_SCHEMA_PATH]: `${JSON.stringify(formatSchemaAt(point), null, 2)}\n` };
}

const LINE = /^(error|warning) (\S+) (\S+):(\d+) -- (.*)$/;

export function parseSnapshot(text: string): Entry[] {
  const out: Entry[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const m = LINE.exec(raw);
    if (!m) throw new Error(`snapshot line is not "severity rule file:line -- reason": ${raw}`);
    out.push({ severity: m[1] as Entry['severity'], rule: m[2]!, file: m[3]!, line: Number(m[4]), reason: m[5]!.trim() });
  }
  return out;
}

const HEADER = [
  '# Every warning and error Strata reports on this sample: severity rule file:line -- why it is right.',
  '# Update with: STRATA_UPDATE_PRECISION=1 node scripts/test.mjs unit/precision (see test/precision/README.md).',
];

/** The new snapshot: the claims made now, each keeping its reviewed reason; a new one is marked unreviewed. */
export function renderSnapshot(claims: Claim[], previous: Entry[]): string {
  const reasons = new Map(previous.map((e) => [claimKey(e), e.reason]));
  const lines = claims.map((c) => `${claimKey(c)} -- ${reasons.get(claimKey(c)) ?? UNREVIEWED}`);
  return `${[...HEADER, ...lines].join('\n')}\n`;
}

export function readSnapshot(file: string): Entry[] {
  return fs.existsSync(file) ? parseSnapshot(fs.readFileSync(file, 'utf8')) : [];
}

/** The ways the precision suite checks a sample, each with its own snapshot label. */
export function precisionVariants(dir: string): { label: string; files: Record<string, string>; withSchema: boolean }[] {
  const name = path.basename(dir);
  const files = sampleTree(dir);
  const point = FORMAT_POINT_OF_SAMPLE[name];
  // A lab of one point of the format is also checked with that point's schema beside it.
  if (point)
    return [
      { label: name, files, withSchema: false },
      { label: `${name}.with-schema`, files: withFormatSchema(files, point), withSchema: true },
    ];
  // A sample that carries the format's own schema is also checked without it (the bundled schema alone).
  if (!(CONVENTIONAL_SCHEMA_PATH in files)) return [{ label: name, files, withSchema: false }];
  const { [CONVENTIONAL_SCHEMA_PATH]: _schema, ...without } = files;
  return [
    { label: name, files, withSchema: true },
    { label: `${name}.without-schema`, files: without, withSchema: false },
  ];
}
