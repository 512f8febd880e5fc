import { parseAllDocuments, type Document, type Node as YNode } from 'yaml';
import type { Finding } from '../types';
import type { SMap } from '../workspace/nodes';
import { Converter } from '../workspace/parse-file';
import type { Workspace } from '../workspace/workspace';
import { K8sResource } from './resource';

/** One manifest file: its documents as resources, with positions. */
export interface ManifestFile {
  path: string;
  text: string;
  /** Documents whose root is a map (empty documents and bare scalars are skipped). */
  resources: K8sResource[];
  /** yaml-syntax and yaml-duplicate-key findings of this file. */
  findings: Finding[];
  /** How many non-empty documents the file holds (a scalar document still counts). */
  documentCount: number;
}

/** Parses a multi-document YAML file. Never throws. */
export function parseManifests(path: string, text: string): ManifestFile {
  const findings: Finding[] = [];
  const resources: K8sResource[] = [];
  let documentCount = 0;
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    findings.push({ rule: 'yaml-syntax', span: { file: path, start: 0, end: 0 }, message: `YAML parser failed: ${String(err)}` });
    return { path, text, resources, findings, documentCount };
  }
  docs.forEach((doc) => {
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      findings.push({ rule: 'yaml-syntax', span: { file: path, start, end: Math.max(end, start + 1) }, message: `YAML syntax error: ${e.message.split('\n')[0]}` });
    }
    if (!doc.contents) return;
    documentCount++;
    const root = new Converter(path, text, findings, doc).node(doc.contents as YNode);
    if (root.kind === 'map') resources.push(new K8sResource(path, resources.length, root as SMap, text, doc.range[0], doc.range[2]));
  });
  return { path, text, resources, findings, documentCount };
}

/** The parse of a manifest in a workspace, redone only when the file's text changed. */
export function loadManifest(ws: Workspace, path: string): ManifestFile | undefined {
  return ws.derive(path, parseManifests);
}
