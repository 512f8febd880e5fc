/**
 * HCL writing with escaping: every string goes through `hclString`, so a value containing `"`,
 * `\`, a newline, `${` or `%{` stays a literal and can neither end the string nor start an
 * interpolation or template directive. Layout follows `terraform fmt` (two-space indent, `=`
 * aligned within a run of single-line attributes) so output is stable and diff-friendly.
 */

/** A reference or expression written as-is (`var.proxmox_endpoint`). Only generators build these. */
export interface HclExpr {
  expr: string;
}

export type HclValue = string | number | boolean | null | HclExpr | HclValue[] | { [key: string]: HclValue };

export type HclItem = { kind: 'attr'; name: string; value: HclValue } | { kind: 'block'; labels: string[]; type: string; body: HclItem[] } | { kind: 'comment'; text: string } | { kind: 'blank' };

export const expr = (e: string): HclExpr => ({ expr: e });
export const attr = (name: string, value: HclValue | undefined): HclItem[] => (value === undefined ? [] : [{ kind: 'attr', name, value }]);
export const block = (type: string, labels: string[], body: HclItem[]): HclItem => ({ kind: 'block', type, labels, body });
export const comment = (text: string): HclItem => ({ kind: 'comment', text });
export const blank: HclItem = { kind: 'blank' };

export function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && s[i + 1] === '{')
      out += c + c; // $${ and %%{ are literal
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function value(v: HclValue, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : hclString(String(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = v.map((x) => value(x, `${indent}  `));
    const oneLine = `[${inner.join(', ')}]`;
    if (oneLine.length <= 80 && !oneLine.includes('\n')) return oneLine;
    return `[\n${inner.map((x) => `${indent}  ${x},`).join('\n')}\n${indent}]`;
  }
  if ('expr' in v && typeof (v as HclExpr).expr === 'string' && Object.keys(v).length === 1) return (v as HclExpr).expr;
  const entries = Object.entries(v as Record<string, HclValue>);
  if (entries.length === 0) return '{}';
  const width = Math.max(...entries.map(([k]) => objectKey(k).length));
  return `{\n${entries.map(([k, x]) => `${indent}  ${objectKey(k).padEnd(width)} = ${value(x, `${indent}  `)}`).join('\n')}\n${indent}}`;
}

function objectKey(k: string): string {
  return IDENT.test(k) ? k : hclString(k);
}

function render(items: HclItem[], indent: string, out: string[]): void {
  let i = 0;
  while (i < items.length) {
    const it = items[i]!;
    if (it.kind === 'attr') {
      // A run of attributes shares one `=` column, as terraform fmt aligns them.
      let j = i;
      while (j < items.length && items[j]!.kind === 'attr') j++;
      const run = items.slice(i, j) as Extract<HclItem, { kind: 'attr' }>[];
      const width = Math.max(...run.map((a) => a.name.length));
      for (const a of run) out.push(`${indent}${a.name.padEnd(width)} = ${value(a.value, indent)}`);
      i = j;
      continue;
    }
    if (it.kind === 'blank') out.push('');
    else if (it.kind === 'comment') for (const line of it.text.split(/\r?\n|\r/)) out.push(`${indent}# ${line}`.trimEnd());
    else {
      const labels = it.labels.map(hclString).join(' ');
      if (it.body.length === 0) out.push(`${indent}${it.type}${labels ? ` ${labels}` : ''} {}`);
      else {
        out.push(`${indent}${it.type}${labels ? ` ${labels}` : ''} {`);
        render(it.body, `${indent}  `, out);
        out.push(`${indent}}`);
      }
    }
    i++;
  }
}

/** A whole .tf file: header comment, then top-level items separated as given. */
export function hclFile(header: string, items: HclItem[]): string {
  const out: string[] = [];
  render(items, '', out);
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${header}\n${out.join('\n')}\n`;
}

/** Top-level blocks separated by one blank line. */
export function spaced(blocks: HclItem[]): HclItem[] {
  return blocks.flatMap((b, i) => (i === 0 ? [b] : [blank, b]));
}
