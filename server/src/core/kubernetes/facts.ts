import type { Span } from '../types';
import { deref, get, items, scalar } from '../workspace/nodes';
import { METRICS } from './patterns';
import { refSites } from './ref-sites';
import type { K8sResource } from './resource';

/**
 * What a service needs, decided from its manifests (not declared anywhere else): each fact keeps
 * the span that made it true, so "this service uses storage but has no pvc.yaml" points at the claim.
 */
export interface ServiceFacts {
  exposed?: Span;
  secrets?: Span;
  storage?: Span;
  metrics?: Span;
  hostNetwork?: Span;
}

export function decideFacts(resources: K8sResource[]): ServiceFacts {
  const facts: ServiceFacts = {};
  for (const r of resources) {
    const kind = r.kind;
    if ((kind === 'IngressRoute' || kind === 'Ingress') && !facts.exposed) facts.exposed = r.anchor();
    if (r.isWorkload) {
      for (const site of refSites(r)) {
        const span = { file: site.node.file, start: site.node.start, end: site.node.end };
        if (site.kind === 'secret' && !facts.secrets) facts.secrets = span;
        if (site.kind === 'claim' && !facts.storage) facts.storage = span;
      }
      const hn = deref(get(r.podSpec, 'hostNetwork'));
      if (hn?.kind === 'scalar' && hn.value === true && !facts.hostNetwork) facts.hostNetwork = { file: hn.file, start: hn.start, end: hn.end };
      const annotated = prometheusAnnotation(r.podTemplate && get(get(r.podTemplate, 'metadata'), 'annotations'));
      if (annotated && !facts.metrics) facts.metrics = annotated;
    }
    if (kind === 'Service' && !facts.metrics) {
      for (const p of items(get(r.spec, 'ports'))) {
        const name = deref(get(p, 'name'));
        if (name?.kind === 'scalar' && name.value === METRICS.portName) {
          facts.metrics = { file: name.file, start: name.start, end: name.end };
          break;
        }
      }
      facts.metrics ??= prometheusAnnotation(get(r.metadata, 'annotations'));
    }
  }
  return facts;
}

/** A `prometheus.io/scrape: "true"` (or any `prometheus.io/…`) annotation, as the span of its key. */
function prometheusAnnotation(annotations: ReturnType<typeof get>): Span | undefined {
  const m = deref(annotations);
  if (m?.kind !== 'map') return undefined;
  for (const e of m.entries) {
    if (!e.key.startsWith('prometheus.io/')) continue;
    if (e.key === 'prometheus.io/scrape' && String(scalar(e.value)) === 'false') continue;
    return { file: m.file, start: e.keyStart, end: e.keyEnd };
  }
  return undefined;
}

export function describeFact(f: keyof ServiceFacts): string {
  return {
    exposed: 'it is exposed (it has an IngressRoute or Ingress)',
    secrets: 'it uses secrets (a secretKeyRef, secretRef or secret volume)',
    storage: 'it uses storage (a persistentVolumeClaim volume)',
    metrics: 'it exposes metrics (a Service port named `metrics` or a `prometheus.io` annotation)',
    hostNetwork: 'it runs on the host network',
  }[f];
}
