import { defineRule } from './rule';

export const repositorySchemaInvalid = defineRule({
  id: 'repository-schema-invalid',
  severity: 'warning',
  category: 'schema',
  description: "The repository's own schema of the format cannot be read, is not JSON, or is not a JSON Schema.",
  docs: `When the workspace carries the format's JSON Schema, it is the authority on shapes: types, enumerations, patterns, required keys and closed objects are checked against it, so a new enumeration value or id pattern there is accepted without a Strata release. Strata looks for it where \`schema:\` in \`.strata.yaml\` says, else at \`topology-tools/schemas/topology-v4-schema.json\`. The language server reads it again whenever the file changes.

A schema that does not parse as JSON or does not compile is reported on that file (at the position JSON names, where it names one); a \`schema:\` path that cannot be read is reported on \`.strata.yaml\`. Either way Strata validates against its bundled schema until the file is fixed.`,
});
