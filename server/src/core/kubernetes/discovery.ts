import type { StrataConfig } from '../config/strata-config';
import type { Finding } from '../types';
import { basename, isYamlFile, join, normalize } from '../workspace/paths';
import type { Workspace } from '../workspace/workspace';
import { decideFacts, type ServiceFacts } from './facts';
import { loadManifest, type ManifestFile } from './parse-manifests';
import { FLUX_APPS_DIR, README } from './patterns';
import type { K8sResource } from './resource';

export interface K8sService {
  /** The folder name, which every pattern derives names from. */
  name: string;
  /** Workspace path of the folder, e.g. `kubernetes/base/nextcloud`. */
  dir: string;
  /** The YAML files of the folder, by file name. */
  files: Map<string, ManifestFile>;
  /** Every other file name in the folder (README.md, …). */
  otherFiles: string[];
  readme: { path: string; text: string } | undefined;
  resources: K8sResource[];
  facts: ServiceFacts;
}

export interface FluxApp {
  path: string;
  /** File name without `.yaml`: the service it is meant for. */
  service: string;
  file: ManifestFile;
}

/** The Kubernetes side of a workspace: service folders, stray files and Flux Kustomizations. */
export interface K8sProject {
  base: string;
  services: K8sService[];
  /** YAML files directly in the base folder (pattern 1 forbids them). */
  rootFiles: ManifestFile[];
  flux: FluxApp[];
  /** Whether the workspace has a `flux/apps` folder (the house layout, pattern 13). */
  hasFluxApps: boolean;
  /** Syntax findings of every file read. */
  findings: Finding[];
}

/**
 * The house patterns hold for a workspace laid out the house way: Flux Kustomizations in `flux/apps`,
 * or a `kubernetes:` section in `.strata.yaml`. Any other repository with a `kubernetes/base` folder
 * (a plain kustomize tree) follows its own conventions: its manifests get syntax findings only.
 */
export function followsHouseLayout(project: K8sProject, config: Pick<StrataConfig, 'kubernetesDeclared'>): boolean {
  return project.hasFluxApps || config.kubernetesDeclared;
}

/** Finds the service folders and Flux Kustomizations. Returns undefined when neither exists. */
export function discover(ws: Workspace, baseSetting: string): K8sProject | undefined {
  const base = normalize(baseSetting) ?? 'kubernetes/base';
  const hasBase = ws.stat(base).type === 'directory';
  const hasFlux = ws.stat(FLUX_APPS_DIR).type === 'directory';
  if (!hasBase && !hasFlux) return undefined;
  const project: K8sProject = { base, services: [], rootFiles: [], flux: [], hasFluxApps: hasFlux, findings: [] };
  const read = (path: string): ManifestFile | undefined => {
    const mf = loadManifest(ws, path);
    if (mf) project.findings.push(...mf.findings);
    return mf;
  };
  if (hasBase) {
    for (const e of sorted(ws.readDirectory(base))) {
      if (e.type === 'file' && isYamlFile(e.name)) {
        const mf = read(join(base, e.name));
        if (mf) project.rootFiles.push(mf);
      } else if (e.type === 'directory' && !e.name.startsWith('.')) collectServices(ws, join(base, e.name), project, read, 0);
    }
  }
  if (hasFlux) {
    for (const e of sorted(ws.readDirectory(FLUX_APPS_DIR))) {
      if (e.type !== 'file' || !isYamlFile(e.name)) continue;
      const path = join(FLUX_APPS_DIR, e.name);
      const file = read(path);
      if (file) project.flux.push({ path, service: e.name.replace(/\.ya?ml$/i, ''), file });
    }
  }
  return project;
}

/**
 * A folder holding files is a service; a folder holding only folders groups services
 * (`kubernetes/base/security/wireguard`).
 */
function collectServices(ws: Workspace, dir: string, project: K8sProject, read: (p: string) => ManifestFile | undefined, depth: number): void {
  const entries = sorted(ws.readDirectory(dir));
  const fileEntries = entries.filter((e) => e.type === 'file');
  if (fileEntries.length === 0) {
    if (depth < 3) for (const e of entries) if (e.type === 'directory' && !e.name.startsWith('.')) collectServices(ws, join(dir, e.name), project, read, depth + 1);
    return;
  }
  const files = new Map<string, ManifestFile>();
  const otherFiles: string[] = [];
  let readme: K8sService['readme'];
  for (const e of fileEntries) {
    const path = join(dir, e.name);
    if (isYamlFile(e.name)) {
      const mf = read(path);
      if (mf) files.set(e.name, mf);
    } else {
      otherFiles.push(e.name);
      if (e.name === README) {
        const text = ws.readText(path).text;
        if (text !== undefined) readme = { path, text };
      }
    }
  }
  const resources = [...files.values()].flatMap((f) => f.resources);
  const name = basename(dir);
  project.services.push({ name, dir, files, otherFiles, readme, resources, facts: decideFacts(resources) });
}

export function allFiles(project: K8sProject): ManifestFile[] {
  return [...project.rootFiles, ...project.services.flatMap((s) => [...s.files.values()]), ...project.flux.map((f) => f.file)];
}

function sorted<T extends { name: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** True for a YAML file the Kubernetes rules read: under the base folder or in flux/apps. */
export function isManifestPath(baseSetting: string, path: string): boolean {
  const base = normalize(baseSetting) ?? 'kubernetes/base';
  return isYamlFile(path) && (path.startsWith(`${base}/`) || path.startsWith(`${FLUX_APPS_DIR}/`));
}
