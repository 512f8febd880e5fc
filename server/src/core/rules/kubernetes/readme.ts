import { deref, get } from '../../workspace/nodes';
import { declaredDependencies, escapeRegExp, wordIndex, type Dependency } from '../../kubernetes/dependencies';
import { defineRule } from '../rule';
import { workloadOf } from '../../kubernetes/service-spec';
import { code, nodeSpan } from './helpers';

export const readme = defineRule({
  over: 'kubernetes',
  id: 'k8s-readme',
  severity: 'warning',
  category: 'kubernetes',
  pattern: 14,
  description: "A service README does not document the service's image version or its dependencies.",
  docs: `Pattern 14's checklist ends with "README.md documents service, dependencies, and configuration"; patterns 11 and
12 ask for the image source and version and the dependencies to be written there. The README documents each
container image when it names the image and its version, in any case and in any form: the reference itself
(\`docker.io/library/traefik:v3.1.2\`) or prose ("Traefik v3.1.2"; a tag's leading \`v\` may be left out). Each
dependency the service declares (an init container that waits for it, or its host in the service's configuration)
is named in the README. A NetworkPolicy egress peer alone is not a dependency: an ingress controller reaches its
backends without depending on them. A missing README is \`k8s-required-file\`.`,
  check(project, { report }) {
    for (const svc of project.services) {
      const text = svc.readme?.text;
      if (text === undefined) continue;
      const wl = workloadOf(svc);
      for (const c of wl?.containers() ?? []) {
        if (c.init) continue;
        const img = deref(get(c.node, 'image'));
        if (img?.kind !== 'scalar' || typeof img.value !== 'string' || documentsImage(text, img.value)) continue;
        const { name, version } = imageParts(img.value);
        report({
          span: nodeSpan(img),
          message: `${svc.readme!.path} does not mention image ${code(img.value)}; pattern 11 documents the image source and version in the service README. Name ${code(name)}${version ? ` and its version ${code(version)}` : ''} there (and keep it in step when the tag changes).`,
        });
      }
      for (const d of declaredDependencies(project, svc)) {
        if (d.sources.has('readme') || wordIndex(text, d.name) !== undefined) continue;
        report({ span: declaration(d), message: `${svc.readme!.path} does not mention the dependency ${code(d.name)}; pattern 12 documents dependencies in the service README.` });
      }
    }
  },
});

function declaration(d: Dependency): NonNullable<ReturnType<Dependency['sources']['get']>> {
  return d.sources.get('init') ?? d.sources.get('config')!;
}

/** `docker.io/library/traefik:v3.1.2@sha256:…` → name `traefik`, version `v3.1.2`. */
export function imageParts(image: string): { name: string; version: string | undefined } {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const tagged = colon > slash;
  const repo = tagged ? noDigest.slice(0, colon) : noDigest;
  return { name: repo.slice(repo.lastIndexOf('/') + 1), version: tagged ? noDigest.slice(colon + 1) : undefined };
}

/** The README names the image and its version (case-insensitive), or holds the reference itself. */
export function documentsImage(text: string, image: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(image.toLowerCase())) return true;
  const { name, version } = imageParts(image);
  // A word starting with the name: "PostgreSQL 16.4" documents `postgres:16.4`.
  if (!new RegExp(`(^|[^A-Za-z0-9_.-])${escapeRegExp(name)}`, 'i').test(text)) return false;
  if (version === undefined) return true;
  return versionForms(version).some((v) => new RegExp(`(^|[^A-Za-z0-9_.-])v?${escapeRegExp(v)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'i').test(text));
}

/** `v3.1.2` is also written `3.1.2`; `29.0.4-apache` (a variant of 29.0.4) also `29.0.4`. */
function versionForms(tag: string): string[] {
  const bare = tag.replace(/^v(?=\d)/i, '');
  const release = /^(\d+(?:\.\d+)+)-[A-Za-z]/.exec(bare)?.[1];
  return [tag, bare, ...(release ? [release] : [])];
}
