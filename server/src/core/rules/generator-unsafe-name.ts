import { unsafeNames } from '../output/safe-names';
import { defineRule } from './rule';

export const generatorUnsafeName = defineRule({
  id: 'generator-unsafe-name',
  severity: 'warning',
  category: 'generator',
  description: 'An id or host name cannot safely become a Terraform resource name or a generated file name.',
  docs: `Generators turn ids into Terraform resource names (\`lxc-postgresql\` becomes \`proxmox_virtual_environment_container.lxc_postgresql\`) and host names into files (\`host_vars/postgresql.yml\`). A value with spaces, dots, slashes or other characters could produce invalid Terraform or a path outside the output folder, so the generators leave that entity out and report it. This rule shows the same check while you edit. Rename the entity (or its \`name\`) to letters, digits, \`_\` and \`-\`.`,
  over: 'model',
  check(model, { report }) {
    for (const u of unsafeNames(model.index)) report({ span: u.span, message: u.message, data: { value: u.value, use: u.use } });
  },
});
