import { KUBERNETES_RULES } from './kubernetes/index';
import type { Rule, TopologyRule } from './rule';
import { yamlSyntax } from './yaml-syntax';
import { yamlDuplicateKey } from './yaml-duplicate-key';
import { yamlAliasLimit } from './yaml-alias-limit';
import { includeMissing } from './include-missing';
import { includeCycle } from './include-cycle';
import { includeOutsideRoot } from './include-outside-root';
import { includeInvalid } from './include-invalid';
import { refUnknown } from './ref-unknown';
import { refWrongKind } from './ref-wrong-kind';
import { typedRef } from './typed-ref';
import { idDuplicate } from './id-duplicate';
import { schema } from './schema';
import { schemaUnknownField } from './schema-unknown-field';
import { schemaUnknownValue } from './schema-unknown-value';
import { schemaFieldTypo } from './schema-field-typo';
import { configInvalid } from './config-invalid';
import { repositorySchemaInvalid } from './repository-schema-invalid';
import { generatorUnsafeName } from './generator-unsafe-name';
import { ipDuplicate } from './ip-duplicate';
import { ipOutsideNetwork } from './ip-outside-network';
import { gatewayOutsideNetwork } from './gateway-outside-network';
import { cidrInvalid } from './cidr-invalid';
import { cidrOverlap } from './cidr-overlap';
import { dhcpRangeConflict } from './dhcp-range-conflict';
import { vlanMismatch } from './vlan-mismatch';
import { serviceIpRedundant } from './service-ip-redundant';
import { serviceIpConflict } from './service-ip-conflict';
import { backupPolicyRequired } from './backup-policy-required';
import { engineRequired } from './engine-required';
import { runtimeTarget } from './runtime-target';
import { dependencyCycle } from './dependency-cycle';
import { layerDirection } from './layer-direction';
import { entityUnused } from './entity-unused';
import { storageChainBroken } from './storage-chain-broken';
import { storageChainCycle } from './storage-chain-cycle';
import { storageCapacity } from './storage-capacity';
import { deprecatedField } from './deprecated-field';

/** Every topology rule, registered once. Docs pages and severities are read from here. */
export const TOPOLOGY_RULES: readonly TopologyRule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  yamlAliasLimit,
  includeMissing,
  includeCycle,
  includeOutsideRoot,
  includeInvalid,
  configInvalid,
  repositorySchemaInvalid,
  schema,
  schemaUnknownField,
  schemaFieldTypo,
  schemaUnknownValue,
  refUnknown,
  refWrongKind,
  typedRef,
  idDuplicate,
  generatorUnsafeName,
  ipDuplicate,
  ipOutsideNetwork,
  gatewayOutsideNetwork,
  cidrInvalid,
  cidrOverlap,
  dhcpRangeConflict,
  vlanMismatch,
  serviceIpRedundant,
  serviceIpConflict,
  backupPolicyRequired,
  engineRequired,
  runtimeTarget,
  dependencyCycle,
  layerDirection,
  entityUnused,
  storageChainBroken,
  storageChainCycle,
  storageCapacity,
  deprecatedField,
];

/** Every rule's metadata (topology and Kubernetes): config, CLI `--rule`, docs and severities read it here. */
export const ALL_RULES: readonly Rule[] = [...TOPOLOGY_RULES, ...KUBERNETES_RULES];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((r) => [r.id, r]));

export const DOCS_BASE_URL = 'https://github.com/strata-tools/strata/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
