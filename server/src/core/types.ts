/** Plain data shared by every layer: positions are 0-based, characters count UTF-16 code units (as LSP). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A span of a workspace file, as offsets into its text. Paths are workspace-relative POSIX paths. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RelatedInfo {
  span: Span;
  message: string;
}

/** A finding before it is placed: what a rule reports. */
export interface Finding {
  rule: string;
  span: Span;
  message: string;
  severity?: Severity;
  related?: RelatedInfo[];
  /**
   * Values this finding takes for right. When another finding sits on one of them (a ref that
   * names nothing, a file that was not read), this one only follows from it: it is not reported on
   * its own but in that finding's related information (`core/follow-ons.ts`).
   */
  after?: Span[];
  /** Of a ref that names nothing usable: the ids of the entities it was probably meant to name. */
  meant?: Span[];
  /** Every other finding inside this span follows from this one (a second definition of an id repeats the first). */
  covers?: Span;
  /** Data for code actions (candidates, migration ids, …). */
  data?: Record<string, unknown>;
}

/** A finding placed in its file, with the severity in force. */
export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  related?: { file: string; range: Range; message: string }[];
  /** How an editor marks the text: `deprecated` strikes it through. */
  tags?: DiagnosticTag[];
  data?: Record<string, unknown>;
}

export type DiagnosticTag = 'deprecated';
