import { parseDocument, isMap, isScalar, isSeq, type Node as YNode } from 'yaml';
import type { Finding, SeveritySetting } from '../types';
import { parseLayerAllow } from './layer-allow';
import { GENERATOR_NAMES } from '../generator-names';
import { normalize } from '../workspace/paths';
import type { Workspace } from '../workspace/workspace';

export const CONFIG_FILE = '.strata.yaml';
export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
/** The keys `.strata.yaml` may have (config-schema.ts describes each). */
export const CONFIG_KEYS = ['root', 'output', 'schema', 'generators', 'kubernetes', 'rules', 'layerDirection', 'limits'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** Settings of one workspace (`.strata.yaml`, then the editor's settings, then CLI flags on top). */
export interface StrataConfig {
  root: string;
  rules: Record<string, SeveritySetting>;
  kubernetesBase: string;
  /** True when `.strata.yaml` has a `kubernetes:` section: the workspace follows the house Kubernetes patterns. */
  kubernetesDeclared: boolean;
  output: string;
  /** Enabled generators (all when absent), from `generators:` as a list or a map of name -> options. */
  generators?: string[];
  /** Per-generator options (`generators: {terraform-proxmox: {provider_version: '~> 0.85'}}`). */
  generatorOptions: Record<string, Record<string, unknown>>;
  layerDirectionAllow: string[];
  maxFileMb: number;
  /** The repository's own JSON Schema of the format (`schema:`), workspace-relative; absent: the conventional place. */
  schema?: string;
}

export function defaultConfig(): StrataConfig {
  return { root: 'topology.yaml', rules: {}, kubernetesBase: 'kubernetes/base', kubernetesDeclared: false, output: 'generated', generatorOptions: {}, layerDirectionAllow: [], maxFileMb: 8 };
}

/**
 * A path setting as the workspace names its files: `./infra/topology.yaml` is `infra/topology.yaml`,
 * the file a disk would open. An in-memory workspace (the browser) keys files by that name only.
 */
export function workspacePath(path: string): string {
  if (path.startsWith('/')) return path;
  return normalize(path) || path;
}

export function isSeverity(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/**
 * The settings of a workspace: its `.strata.yaml`, else the defaults. Without `knownRules` (a
 * caller that needs only the paths, as the migrations do) rule ids are not checked.
 */
export function readConfig(ws: Workspace, knownRules?: ReadonlySet<string>): { config: StrataConfig; findings: Finding[] } {
  const text = ws.readText(CONFIG_FILE).text;
  if (text === undefined) return { config: defaultConfig(), findings: [] };
  return parseConfig(text, knownRules);
}

/** What reading one setting needs: the config it fills and how it reports a bad value. */
interface SettingReader {
  config: StrataConfig;
  knownRules: ReadonlySet<string> | undefined;
  /** Reports a `config-invalid` finding on `n`; returns undefined so a reader can return it as its value. */
  bad(n: YNode | null | undefined, message: string): undefined;
}

type ReadSetting = (value: YNode | null, r: SettingReader, key: string) => void;

/** Reads `.strata.yaml`; problems become `config-invalid` findings and the setting is skipped. */
export function parseConfig(text: string, knownRules?: ReadonlySet<string>): { config: StrataConfig; findings: Finding[] } {
  const config = defaultConfig();
  const findings: Finding[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  const bad = (n: YNode | null | undefined, message: string): undefined => {
    const [start, , end] = n?.range ?? [0, 0, 0];
    findings.push({ rule: 'config-invalid', span: { file: CONFIG_FILE, start, end: Math.max(end, start + 1) }, message });
    return undefined;
  };
  for (const e of doc.errors) findings.push({ rule: 'config-invalid', span: { file: CONFIG_FILE, start: e.pos[0], end: e.pos[1] }, message: `YAML syntax error: ${e.message.split('\n')[0]}` });
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, findings };
  if (!isMap(root)) {
    bad(root, `\`${CONFIG_FILE}\` must be a map of settings (${CONFIG_KEYS.join(', ')}).`);
    return { config, findings };
  }
  const reader: SettingReader = { config, knownRules, bad };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const read = (CONFIG_KEYS as readonly string[]).includes(key) ? SETTINGS[key as ConfigKey] : undefined;
    if (read) read(pair.value as YNode | null, reader, key);
    else bad(pair.key as YNode, `Unknown setting \`${key}\` (known: ${CONFIG_KEYS.join(', ')}).`);
  }
  return { config, findings };
}

function stringOf(value: YNode | null, r: SettingReader, key: string): string | undefined {
  return isScalar(value) && typeof value.value === 'string' ? value.value : r.bad(value, `\`${key}\` must be a string.`);
}

/** A setting that names a workspace path. */
function pathSetting(set: (config: StrataConfig, path: string) => void): ReadSetting {
  return (value, r, key) => {
    const s = stringOf(value, r, key);
    if (s) set(r.config, workspacePath(s));
  };
}

/** One reader per key of `.strata.yaml`. */
const SETTINGS: Record<ConfigKey, ReadSetting> = {
  root: pathSetting((c, p) => (c.root = p)),
  output: pathSetting((c, p) => (c.output = p)),
  schema: pathSetting((c, p) => (c.schema = p)),
  kubernetes: readKubernetes,
  generators: readGenerators,
  limits: readLimits,
  layerDirection: readLayerDirection,
  rules: readRules,
};

function readKubernetes(value: YNode | null, r: SettingReader): void {
  r.config.kubernetesDeclared = true;
  const base = isMap(value) ? value.get('base', true) : undefined;
  if (isScalar(base) && typeof base.value === 'string') r.config.kubernetesBase = workspacePath(base.value);
  else r.bad(value, '`kubernetes` must be a map with `base: <folder>`.');
}

function knownGenerator(n: YNode | null | undefined, name: string, r: SettingReader): boolean {
  if ((GENERATOR_NAMES as readonly string[]).includes(name)) return true;
  r.bad(n, `Unknown generator \`${name}\` (known: ${GENERATOR_NAMES.join(', ')}).`);
  return false;
}

function readGenerators(value: YNode | null, r: SettingReader): void {
  if (isSeq(value)) {
    r.config.generators = value.items.flatMap((i) => (knownGenerator(i as YNode, String(isScalar(i) ? i.value : ''), r) ? [String((i as { value: unknown }).value)] : []));
    return;
  }
  if (!isMap(value)) {
    r.bad(value, '`generators` must be a list of generator names, or a map of generator name to its options.');
    return;
  }
  const enabled: string[] = [];
  for (const g of value.items) {
    const name = isScalar(g.key) ? String(g.key.value) : '';
    if (!knownGenerator(g.key as YNode, name, r)) continue;
    const opts = g.value === null || (isScalar(g.value) && g.value.value === null) ? {} : isMap(g.value) ? (g.value as YNode).toJSON() : undefined;
    if (opts === undefined || typeof opts !== 'object') {
      r.bad(g.value as YNode, `Options of generator \`${name}\` must be a map (or empty).`);
      continue;
    }
    const { enabled: on, ...rest } = opts as Record<string, unknown>;
    if (on !== false) enabled.push(name);
    r.config.generatorOptions[name] = rest;
  }
  r.config.generators = enabled;
}

function readLimits(value: YNode | null, r: SettingReader): void {
  const mb = isMap(value) ? value.get('maxFileMb', true) : undefined;
  if (isScalar(mb) && typeof mb.value === 'number' && mb.value > 0) r.config.maxFileMb = mb.value;
  else r.bad(value, '`limits` must be a map with `maxFileMb: <number>`.');
}

function readLayerDirection(value: YNode | null, r: SettingReader): void {
  const allow = isMap(value) ? value.get('allow', true) : undefined;
  if (!isSeq(allow)) {
    r.bad(value, '`layerDirection` must be a map with `allow: [<field path>, …]`.');
    return;
  }
  for (const i of allow.items) {
    const parsed = parseLayerAllow(String(isScalar(i) ? i.value : ''));
    if (parsed.ok) r.config.layerDirectionAllow.push(parsed.value.text);
    else r.bad(i as YNode, `layerDirection.allow: ${parsed.error}.`);
  }
}

function readRules(value: YNode | null, r: SettingReader): void {
  if (!isMap(value)) {
    r.bad(value, '`rules` must be a map of rule id to severity (off, hint, info, warning, error).');
    return;
  }
  for (const item of value.items) {
    const id = isScalar(item.key) ? String(item.key.value) : '';
    const sev = isScalar(item.value) ? item.value.value : undefined;
    if (r.knownRules && !r.knownRules.has(id)) r.bad(item.key as YNode, `Unknown rule id \`${id}\`; see docs/rules for the list.`);
    else if (!isSeverity(sev)) r.bad(item.value as YNode, `Severity of \`${id}\` must be one of ${SEVERITIES.join(', ')}.`);
    else r.config.rules[id] = sev;
  }
}
