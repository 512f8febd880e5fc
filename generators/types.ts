/** The contract every generator follows: a pure function of the loaded model to planned files. */
import { spanOf, type Entity, type EntityIndex, type GeneratorDiagnostic, type GeneratorName, type SNode, type TopologyModel } from '../server/src/core';
import type { Provenance } from './emit/header';

/** One declared option: its default is documented here and overridable in `.strata.yaml`. */
export interface OptionSpec {
  type: 'string' | 'boolean' | 'map';
  default: string | boolean | Record<string, string> | undefined;
  description: string;
}

export interface GeneratorContext {
  model: TopologyModel;
  index: EntityIndex;
  provenance: Provenance;
  option(name: string): string | undefined;
  flag(name: string): boolean;
  mapOption(name: string): Record<string, string>;
  /** Reports a problem; `at` is the entity or node it concerns. */
  report(rule: string, severity: GeneratorDiagnostic['severity'], message: string, at?: Entity | SNode): void;
}

export interface GeneratedFile {
  /** Relative to the generator's own folder (`lxc.tf`); the pipeline prefixes the folder. */
  path: string;
  content: string;
}

export interface Generator {
  name: GeneratorName;
  /** Bumped when output changes for the same input, so the manifest's input hash changes too. */
  version: string;
  title: string;
  /** Output folder inside the output root (`terraform/proxmox`). */
  folder: string;
  /** Root keys (`L2_network`) whose files it reads: its input hash covers only those files. */
  layers: string[];
  options: Record<string, OptionSpec>;
  generate(ctx: GeneratorContext): GeneratedFile[];
}

/** What a generator's own module supplies; registry.ts gives it its name, title, folder, version and layers. */
export type GeneratorModule = Pick<Generator, 'options' | 'generate'>;

export function spanFor(at: Entity | SNode | undefined) {
  if (!at) return undefined;
  if ('idSpan' in at) return at.idSpan;
  return spanOf(at);
}
