import type { Assembly } from '../workspace/assemble';
import { LineIndex } from '../text/line-index';
import type { Span } from '../types';
import type { Declarations } from './declarations';
import { EntityIndex } from './entity-index';
import { extract, type Entity, type Ref } from './extract';
import { resolveRef, type Resolution } from './resolve';

/** The analysed topology: assembled tree, entities, refs and their resolutions. */
export class TopologyModel {
  readonly index: EntityIndex;
  private readonly resolutions = new Map<Ref, Resolution>();

  constructor(
    readonly assembly: Assembly,
    readonly declarations: Declarations,
  ) {
    this.index = new EntityIndex(extract(assembly.root, declarations));
  }

  get entities(): Entity[] {
    return this.index.entities;
  }

  get refs(): Ref[] {
    return this.index.refs;
  }

  resolve(ref: Ref): Resolution {
    let r = this.resolutions.get(ref);
    if (!r) {
      r = resolveRef(ref, this.index);
      this.resolutions.set(ref, r);
    }
    return r;
  }

  private readonly lineIndexes = new Map<string, LineIndex>();

  /** `file:line` (1-based) of a span, for messages that name the other party. */
  where(span: Span): string {
    let idx = this.lineIndexes.get(span.file);
    if (!idx) {
      const text = this.assembly.parsed.get(span.file)?.text;
      if (text === undefined) return span.file;
      idx = new LineIndex(text);
      this.lineIndexes.set(span.file, idx);
    }
    return `${span.file}:${idx.position(span.start).line + 1}`;
  }

  /** Refs that name this entity (resolved to it). */
  referencesTo(target: Entity): Ref[] {
    return (this.index.refsById.get(target.id) ?? []).filter((r) => {
      const res = this.resolve(r);
      return (res.status === 'ok' || res.status === 'wrong-target') && res.target === target;
    });
  }
}
