/**
 * One pipeline for the CLI and the editor: the model is loaded once by the caller, enabled
 * generators run concurrently over it, and each returns planned files. A generator whose input
 * hash equals the manifest's, and whose outputs on disk are intact, is skipped.
 */
import { now, type GeneratorDiagnostic, type GeneratorRun, type Manifest, type Plan, type StrataConfig, type TopologyModel } from '../server/src/core';
import { GENERATORS } from './registry';
import { inputHash, sourcesFor, type Hasher } from './inputs';
import { spanFor, type Generator, type GeneratorContext } from './types';

export interface PipelineOptions {
  config: StrataConfig;
  /** `--only`: names to run (a subset of the enabled ones, or any known one). */
  only?: string[];
  tool: string;
  toolVersion: string;
  /** The manifest found in the output folder, for skipping. */
  previous?: Manifest;
  /** True when a generator's files on disk still have the hashes the manifest lists. */
  outputsIntact?: (generator: string, files: Record<string, string>) => boolean;
  /** Run every selected generator even if its inputs are unchanged. */
  noSkip?: boolean;
  /** Hex SHA-256 (Node passes its native one). */
  hash?: Hasher;
  /** Called as each generator finishes planning (the editor's progress notification). */
  onRun?: (run: GeneratorRun) => void;
}

export function selectGenerators(config: StrataConfig, only?: string[]): { selected: Generator[]; unknown: string[] } {
  const names = only ?? config.generators ?? GENERATORS.map((g) => g.name);
  const unknown = names.filter((n) => !GENERATORS.some((g) => g.name === n));
  return { selected: GENERATORS.filter((g) => names.includes(g.name)), unknown };
}

function optionsOf(g: Generator, config: StrataConfig): Record<string, unknown> {
  const given = config.generatorOptions[g.name] ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(g.options)) out[k] = given[k] ?? spec.default;
  return out;
}

function context(g: Generator, model: TopologyModel, options: Record<string, unknown>, sources: string[], opts: PipelineOptions, diagnostics: GeneratorDiagnostic[]): GeneratorContext {
  return {
    model,
    index: model.index,
    provenance: { tool: opts.tool, version: opts.toolVersion, generator: g.name, sources },
    option: (name) => {
      const v = options[name];
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
    },
    flag: (name) => options[name] === true,
    mapOption: (name) => {
      const v = options[name];
      const out: Record<string, string> = {};
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number') out[k] = String(x);
      return out;
    },
    report: (rule, severity, message, at) => {
      const span = spanFor(at);
      diagnostics.push({ generator: g.name, rule, severity, message, ...(span ? { span } : {}) });
    },
  };
}

async function runOne(g: Generator, model: TopologyModel, opts: PipelineOptions): Promise<GeneratorRun> {
  await Promise.resolve(); // let the other generators start: they share one event loop, not threads
  const t = now();
  const sources = sourcesFor(model.assembly, g.layers);
  const options = optionsOf(g, opts.config);
  const hash = inputHash(model.assembly, sources, { tool: opts.toolVersion, generator: g.name, version: g.version, options }, opts.hash);
  const prev = opts.previous?.generators[g.name];
  if (!opts.noSkip && prev && prev.inputHash === hash && (opts.outputsIntact?.(g.name, prev.files) ?? false)) {
    return { generator: g.name, status: 'skipped', inputHash: hash, sources, files: [], diagnostics: [], ms: now() - t };
  }
  const diagnostics: GeneratorDiagnostic[] = [];
  try {
    const files = g.generate(context(g, model, options, sources, opts, diagnostics));
    const planned = files.map((f) => ({ path: `${g.folder}/${f.path}`, content: f.content, generator: g.name })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { generator: g.name, status: 'ran', inputHash: hash, sources, files: planned, diagnostics, ms: now() - t };
  } catch (err) {
    return { generator: g.name, status: 'failed', inputHash: hash, sources, files: [], diagnostics, ms: now() - t, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

/** Runs the selected generators concurrently over one model and collects their plans. */
export async function runPipeline(model: TopologyModel, opts: PipelineOptions): Promise<Plan> {
  const t = now();
  const { selected } = selectGenerators(opts.config, opts.only);
  const prepareMs = now() - t;
  const runs = await Promise.all(
    selected.map(async (g) => {
      const run = await runOne(g, model, opts);
      opts.onRun?.(run);
      return run;
    }),
  );
  return { runs, prepareMs };
}
