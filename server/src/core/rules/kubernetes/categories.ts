/** The 14 pattern categories of the house Kubernetes layout (docs/format.md#pattern-categories); each rule names the one it enforces. */
export const PATTERN_CATEGORIES = {
  1: 'Kubernetes Resource Structure',
  2: 'Naming Conventions',
  3: 'Secrets Management',
  4: 'Storage Management',
  5: 'Networking & Security',
  6: 'Monitoring Integration',
  7: 'Ingress & TLS Certificates',
  8: 'Health Checks',
  9: 'Configuration Management',
  10: 'Resource Limits & Requests',
  11: 'Image Security',
  12: 'Dependencies & Init Containers',
  13: 'GitOps Integration',
  14: 'Validation & Testing Patterns',
} as const;

export type PatternCategory = keyof typeof PATTERN_CATEGORIES;
