import { parse } from '@cdktf/hcl2json';

export type HclJson = { resource?: Record<string, Record<string, Record<string, unknown>[]>>; [k: string]: unknown };

/** Parses HCL with HashiCorp's own parser (Go, compiled to WebAssembly); throws on syntax errors. */
export async function parseHcl(name: string, text: string): Promise<HclJson> {
  return (await parse(name, text)) as HclJson;
}

/** The resource body of a given type and name. */
export function resource(doc: HclJson, type: string, name: string): Record<string, unknown> {
  const r = doc.resource?.[type]?.[name]?.[0];
  if (!r)
    throw new Error(
      `no resource ${type}.${name}; have ${Object.entries(doc.resource ?? {})
        .flatMap(([t, m]) => Object.keys(m).map((n) => `${t}.${n}`))
        .join(', ')}`,
    );
  return r;
}

export function block(body: Record<string, unknown>, name: string): Record<string, unknown>[] {
  return (body[name] as Record<string, unknown>[] | undefined) ?? [];
}

/** A string value as Terraform sees it: `$${` and `%%{` are the escapes for a literal `${` and `%{`. */
export function literal(v: unknown): string {
  if (typeof v !== 'string') throw new Error(`not a string: ${JSON.stringify(v)}`);
  if (/(^|[^$])\$\{|(^|[^%])%\{/.test(v.replace(/\$\$\{|%%\{/g, ''))) throw new Error(`unescaped template sequence in ${JSON.stringify(v)}`);
  return v.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
