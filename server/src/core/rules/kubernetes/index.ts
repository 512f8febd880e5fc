import type { KubernetesRule } from '../rule';
import { baseRoot } from './base-root';
import { configmapSecret } from './configmap-secret';
import { externalSecret } from './external-secret';
import { fileName } from './file-name';
import { fluxKustomization } from './flux-kustomization';
import { fluxMissing } from './flux-missing';
import { folderName } from './folder-name';
import { hostNetwork } from './host-network';
import { imagePullPolicy } from './image-pull-policy';
import { imageTagRule } from './image-tag';
import { ingressDns } from './ingress-dns';
import { ingressTls } from './ingress-tls';
import { initWait } from './init-wait';
import { labels } from './labels';
import { networkPolicy } from './network-policy';
import { noSecret } from './no-secret';
import { oneResourcePerFile } from './one-resource-per-file';
import { probes } from './probes';
import { pvc } from './pvc';
import { readme } from './readme';
import { k8sRefUnknown } from './ref-unknown';
import { requiredFile } from './required-file';
import { resourceName } from './resource-name';
import { resourceTier } from './resource-tier';
import { resources } from './resources';
import { serviceMonitor } from './service-monitor';

/** Every Kubernetes pattern rule, registered once, in the order of the house pattern categories (docs/format.md#pattern-categories). */
export const KUBERNETES_RULES: readonly KubernetesRule[] = [
  requiredFile,
  oneResourcePerFile,
  fileName,
  baseRoot,
  folderName,
  resourceName,
  labels,
  noSecret,
  externalSecret,
  pvc,
  networkPolicy,
  hostNetwork,
  serviceMonitor,
  ingressTls,
  ingressDns,
  probes,
  configmapSecret,
  resources,
  resourceTier,
  imageTagRule,
  imagePullPolicy,
  initWait,
  fluxMissing,
  fluxKustomization,
  readme,
  k8sRefUnknown,
];
