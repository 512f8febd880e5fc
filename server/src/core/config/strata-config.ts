import { parseDocument, isMap, isScalar, isSeq, type Node as YNode } from 'yaml';
import type { Finding, SeveritySetting } from '../types';
import { parseLayerAllow } from './layer-allow';
import { GENERATOR_NAMES } from '../commands';
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
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YNode | null;
    const str = (): string | undefined => (isScalar(value) && typeof value.value === 'string' ? value.value : bad(value, `\`${key}\` must be a string.`));
    switch (key as ConfigKey) {
      case 'root': {
        const s = str();
        if (s) config.root = workspacePath(s);
        break;
      }
      case 'output': {
        const s = str();
        if (s) config.output = workspacePath(s);
        break;
      }
      case 'schema': {
        const s = str();
        if (s) config.schema = workspacePath(s);
        break;
      }
      case 'kubernetes': {
        config.kubernetesDeclared = true;
        const base = isMap(value) ? value.get('base', true) : undefined;
        if (isScalar(base) && typeof base.value === 'string') config.kubernetesBase = workspacePath(base.value);
        else bad(value, '`kubernetes` must be a map with `base: <folder>`.');
        break;
      }
      case 'generators': {
        const known = (n: YNode | null | undefined, name: string) => {
          if ((GENERATOR_NAMES as readonly string[]).includes(name)) return true;
          bad(n, `Unknown generator \`${name}\` (known: ${GENERATOR_NAMES.join(', ')}).`);
          return false;
        };
        if (isSeq(value)) config.generators = value.items.flatMap((i) => (known(i as YNode, String(isScalar(i) ? i.value : '')) ? [String((i as { value: unknown }).value)] : []));
        else if (isMap(value)) {
          config.generators = [];
          for (const g of value.items) {
            const name = isScalar(g.key) ? String(g.key.value) : '';
            if (!known(g.key as YNode, name)) continue;
            const opts = g.value === null || (isScalar(g.value) && g.value.value === null) ? {} : isMap(g.value) ? (g.value as YNode).toJSON() : undefined;
            if (opts === undefined || typeof opts !== 'object') {
              bad(g.value as YNode, `Options of generator \`${name}\` must be a map (or empty).`);
              continue;
            }
            const { enabled, ...rest } = opts as Record<string, unknown>;
            if (enabled !== false) config.generators.push(name);
            config.generatorOptions[name] = rest;
          }
        } else bad(value, '`generators` must be a list of generator names, or a map of generator name to its options.');
        break;
      }
      case 'limits': {
        const mb = isMap(value) ? value.get('maxFileMb', true) : undefined;
        if (isScalar(mb) && typeof mb.value === 'number' && mb.value > 0) config.maxFileMb = mb.value;
        else bad(value, '`limits` must be a map with `maxFileMb: <number>`.');
        break;
      }
      case 'layerDirection': {
        const allow = isMap(value) ? value.get('allow', true) : undefined;
        if (isSeq(allow)) {
          for (const i of allow.items) {
            const parsed = parseLayerAllow(String(isScalar(i) ? i.value : ''));
            if (parsed.ok) config.layerDirectionAllow.push(parsed.value.text);
            else bad(i as YNode, `layerDirection.allow: ${parsed.error}.`);
          }
        } else bad(value, '`layerDirection` must be a map with `allow: [<field path>, …]`.');
        break;
      }
      case 'rules': {
        if (!isMap(value)) {
          bad(value, '`rules` must be a map of rule id to severity (off, hint, info, warning, error).');
          break;
        }
        for (const r of value.items) {
          const id = isScalar(r.key) ? String(r.key.value) : '';
          const sev = isScalar(r.value) ? r.value.value : undefined;
          if (knownRules && !knownRules.has(id)) bad(r.key as YNode, `Unknown rule id \`${id}\`; see docs/rules for the list.`);
          else if (!isSeverity(sev)) bad(r.value as YNode, `Severity of \`${id}\` must be one of ${SEVERITIES.join(', ')}.`);
          else config.rules[id] = sev;
        }
        break;
      }
      default:
        bad(pair.key as YNode, `Unknown setting \`${key}\` (known: ${CONFIG_KEYS.join(', ')}).`);
    }
  }
  return { config, findings };
}
