/**
 * Markdown escaping: model text goes into tables and prose without becoming markup, HTML or a
 * broken table row (pipes, newlines), and code spans pick a fence longer than any backtick run.
 */
export function mdText(s: string | number | boolean | undefined | null): string {
  if (s === undefined || s === null || s === '') return '—';
  return String(s)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]{}<>|#!~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

export function mdCode(s: string | number | undefined): string {
  if (s === undefined || s === '') return '—';
  // GFM splits table cells at `|` even inside code spans; `\|` is its escape there.
  const text = String(s)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function mdTable(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '_None._\n';
  return `${[`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')}\n`;
}
