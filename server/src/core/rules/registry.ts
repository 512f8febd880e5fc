import type { TopologyRule } from './rule';
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
import { configInvalid } from './config-invalid';
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
  schema,
  schemaUnknownField,
  schemaUnknownValue,
  refUnknown,
  refWrongKind,
  typedRef,
  idDuplicate,
  storageChainBroken,
  storageChainCycle,
  storageCapacity,
  deprecatedField,
];

export const RULES_BY_ID: ReadonlyMap<string, TopologyRule> = new Map(TOPOLOGY_RULES.map((r) => [r.id, r]));

export const DOCS_BASE_URL = 'https://github.com/strata-tools/strata/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
