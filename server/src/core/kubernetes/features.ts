import type { StrataConfig } from '../config/strata-config';
import type { Span } from '../types';
import type { Workspace } from '../workspace/workspace';
import { discover } from './discovery';
import { refIndex, type RefIndex, type RefTarget } from './ref-index';
import { REF_KINDS, type RefSite } from './ref-sites';

/**
 * Navigation over the manifests' cross-file references, as plain data for the language server:
 * (file, offset) in, spans and candidates out.
 */

type Settings = Pick<StrataConfig, 'kubernetesBase'>;

function indexFor(ws: Workspace, settings: Settings): RefIndex | undefined {
  const project = discover(ws, settings.kubernetesBase);
  return project && refIndex(project, ws);
}

const within = (s: { start: number; end: number }, offset: number) => s.start <= offset && offset <= s.end;

/** The reference site under the cursor. */
export function k8sSiteAt(index: RefIndex, file: string, offset: number): RefSite | undefined {
  return index.sites.find((s) => s.node.file === file && within(s.node, offset));
}

/** Where the reference under the cursor leads (a PVC's name, a Service port, a folder's main file…). */
export function k8sDefinition(ws: Workspace, settings: Settings, file: string, offset: number): Span[] {
  const index = indexFor(ws, settings);
  const site = index && k8sSiteAt(index, file, offset);
  if (!index || !site) return [];
  const res = index.resolve(site);
  return res.ok ? res.targets.map((t) => t.span) : [];
}

/** The target under the cursor: the one a ref resolves to, or a declaration the cursor is on. */
function targetsAt(index: RefIndex, file: string, offset: number): RefTarget[] {
  const site = k8sSiteAt(index, file, offset);
  if (site) {
    const res = index.resolve(site);
    return res.ok ? res.targets : [];
  }
  const out: RefTarget[] = [];
  for (const s of index.sites) {
    const res = index.resolve(s);
    if (res.ok) for (const t of res.targets) if (t.span.file === file && t.span.end > t.span.start && within(t.span, offset) && !out.some((o) => sameSpan(o.span, t.span))) out.push(t);
  }
  return out;
}

/** Every reference to what is under the cursor, optionally with its declaration. */
export function k8sReferences(ws: Workspace, settings: Settings, file: string, offset: number, includeDeclaration = true): Span[] {
  const index = indexFor(ws, settings);
  if (!index) return [];
  const targets = targetsAt(index, file, offset);
  if (!targets.length) return [];
  const out: Span[] = includeDeclaration ? targets.map((t) => t.span).filter((s) => s.end > s.start) : [];
  for (const s of index.sites) {
    const res = index.resolve(s);
    if (res.ok && res.targets.some((t) => targets.some((x) => sameSpan(x.span, t.span)))) out.push({ file: s.node.file, start: s.node.start, end: s.node.end });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
}

export interface K8sCompletion {
  /** The text the chosen item replaces (the value under the cursor). */
  replace: Span;
  items: { label: string; detail: string }[];
}

/** Names a reference value may take at the cursor (PVCs for claimName, ports of the backend Service, …). */
export function k8sCompletion(ws: Workspace, settings: Settings, file: string, offset: number): K8sCompletion | undefined {
  const index = indexFor(ws, settings);
  const site = index && k8sSiteAt(index, file, offset);
  if (!index || !site) return undefined;
  const detail = REF_KINDS[site.kind].what;
  return {
    replace: { file, start: site.node.start, end: site.node.end },
    items: index.candidates(site).map((label) => ({ label, detail })),
  };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}
