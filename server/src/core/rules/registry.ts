import { K8S_RULES } from '../kubernetes/rules/index';
import type { RuleMeta, TopologyRule } from './rule';
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
import { generatorUnsafeName } from './generator-unsafe-name';

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
  generatorUnsafeName,
];

/** Every rule's metadata (topology and Kubernetes): config, CLI `--rule`, docs and severities read it here. */
export const ALL_RULES: readonly RuleMeta[] = [...TOPOLOGY_RULES, ...K8S_RULES];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(ALL_RULES.map((r) => [r.id, r]));

export const DOCS_BASE_URL = 'https://github.com/strata-tools/strata/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
