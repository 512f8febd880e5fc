/**
 * A strict check of the Mermaid flowchart subset the docs generator emits: header, node
 * declarations with quoted labels in one of the emitted shapes, edges between declared nodes
 * (optionally labelled), balanced subgraph/end. Labels may not contain raw quotes or characters
 * Mermaid treats specially; entity codes (#35;) are allowed.
 */
const ID = '[A-Za-z][A-Za-z0-9_]*';
const LABEL = '"(?:[^"#<>`|\\\\{}\\[\\]()]|#\\d+;)*"';
const SHAPES = [`\\[${LABEL}\\]`, `\\(${LABEL}\\)`, `\\[\\(${LABEL}\\)\\]`, `\\(\\[${LABEL}\\]\\)`, `\\{\\{${LABEL}\\}\\}`];
const NODE = new RegExp(`^(${ID})(?:${SHAPES.join('|')})$`);
const EDGE = new RegExp(`^(${ID}) (?:-->|-\\.->)(?:\\|${LABEL}\\|)? (${ID})$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\[${LABEL}\\]$`);
const RESERVED = new Set(['end', 'graph', 'flowchart', 'subgraph', 'style', 'class', 'classDef', 'click', 'linkStyle']);

export function checkMermaid(block: string): string[] {
  const problems: string[] = [];
  const lines = block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (!/^flowchart (LR|TD|TB|RL|BT)$/.test(lines[0] ?? '')) problems.push(`bad header: ${lines[0]}`);
  const declared = new Set<string>();
  let depth = 0;
  const edges: [string, string, string][] = [];
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = NODE.exec(line))) {
      if (RESERVED.has(m[1]!)) problems.push(`reserved id: ${line}`);
      if (declared.has(m[1]!)) problems.push(`node declared twice: ${m[1]}`);
      declared.add(m[1]!);
    } else if ((m = EDGE.exec(line))) edges.push([m[1]!, m[2]!, line]);
    else if ((m = SUBGRAPH.exec(line))) depth++;
    else if (line === 'end') {
      depth--;
      if (depth < 0) problems.push('end without subgraph');
    } else problems.push(`not in the grammar: ${line}`);
  }
  if (depth !== 0) problems.push('unbalanced subgraph');
  for (const [a, b, line] of edges) if (!declared.has(a) || !declared.has(b)) problems.push(`edge to an undeclared node: ${line}`);
  return problems;
}

/** Every ```mermaid block of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

/** Structural Markdown problems: unclosed fences or comments, tables whose rows differ in cell count. */
export function checkMarkdown(md: string): string[] {
  const problems: string[] = [];
  if ((md.match(/^```/gm) ?? []).length % 2 !== 0) problems.push('unbalanced code fences');
  const prose = md.replace(/```[\s\S]*?```/g, '');
  if ((prose.match(/<!--/g) ?? []).length !== (prose.match(/-->/g) ?? []).length) problems.push('unbalanced HTML comments');
  const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/).length;
  let width: number | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|') && line.endsWith('|')) {
      const n = cells(line);
      if (width === undefined) width = n;
      else if (n !== width) problems.push(`table row with ${n} cells, header has ${width}: ${line}`);
    } else width = undefined;
  }
  return problems;
}
