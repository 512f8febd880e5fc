/**
 * Messages between the page and the Strata engine worker. Plain data only (structured clone). The
 * page talks to no language server, so nothing of shared/protocol.ts applies here.
 */
import type { Diagnostic, Range } from '../../server/src/core';

export interface Snapshot {
  diagnostics: Diagnostic[];
  /** Files reached from the root, in load order. */
  files: string[];
  /** JSON pointers into the topology schema per file, and where the file holds include tags (core/features/file-schemas.ts). */
  schemas: Record<string, { pointers: string[]; includes: (string | number)[][] }>;
  entities: number;
  /** The root file (`root:` in `.strata.yaml`), opened first. */
  root: string;
}

export type Method = 'open' | 'update' | 'files' | 'hover' | 'completion' | 'definition' | 'codeActions' | 'generate' | 'command';

export interface Request {
  id: number;
  method: Method;
  params: unknown;
}

export interface Response {
  id: number;
  result?: unknown;
  error?: string;
}

/** Plain shapes the worker returns for Monaco's providers; ranges are the core's (0-based, as LSP). */
export type Range0 = Range;
export interface HoverResult {
  markdown: string;
  range?: Range0;
}
export interface CompletionEntry {
  label: string;
  detail?: string;
  documentation?: string;
  insertText: string;
  range: Range0;
  kind: 'ref' | 'key' | 'value' | 'path' | 'address';
  sortText?: string;
}
export interface Location0 {
  file: string;
  range: Range0;
}
export interface TextEdit0 {
  file: string;
  range: Range0;
  newText: string;
}
export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor';
  edits: TextEdit0[];
  /** Files to create (path, content) and to delete: applied by the page, not by Monaco's text edits. */
  create?: { file: string; content: string }[];
  delete?: string[];
  preferred?: boolean;
}
export interface GeneratedFile {
  path: string;
  content: string;
  generator: string;
}
