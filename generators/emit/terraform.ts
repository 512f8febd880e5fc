/** What the Terraform generators share: the options naming their provider and endpoint, and versions.tf. */
import type { GeneratorContext, OptionSpec } from '../types';
import { attr, block, type HclItem } from './hcl';

export interface TerraformProvider {
  /** The provider's local name (`proxmox`), as `required_providers` declares it. */
  local: string;
  /** Its registry source (`bpg/proxmox`). */
  source: string;
  /** The version constraint written by default. */
  version: string;
  /** The variable that holds the endpoint by default, and what that endpoint is. */
  endpointVariable: string;
  endpointWhat: string;
}

export function terraformOptions(p: TerraformProvider): Record<string, OptionSpec> {
  return {
    provider_version: { type: 'string', default: p.version, description: `Version constraint of the ${p.source} provider.` },
    terraform_version: { type: 'string', default: '>= 1.5', description: 'required_version of Terraform.' },
    endpoint_variable: { type: 'string', default: p.endpointVariable, description: `Name of the variable holding the ${p.endpointWhat}.` },
  };
}

/** The name of the variable holding the endpoint, as the options set it. */
export function endpointVariable(ctx: GeneratorContext, p: TerraformProvider): string {
  return ctx.option('endpoint_variable') ?? p.endpointVariable;
}

/** versions.tf's block: the Terraform and provider versions the options constrain. */
export function versionsBlock(ctx: GeneratorContext, p: TerraformProvider): HclItem {
  return block(
    'terraform',
    [],
    [...attr('required_version', ctx.option('terraform_version')), block('required_providers', [], attr(p.local, { source: p.source, version: ctx.option('provider_version') ?? '' }))],
  );
}
