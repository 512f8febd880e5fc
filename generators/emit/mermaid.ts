/**
 * Mermaid flowcharts built from model values. Node ids are derived injectively from entity ids
 * (only [A-Za-z0-9_], prefixed so `end`/`graph` can never be an id); labels are always quoted and
 * every character Mermaid or its HTML renderer treats specially becomes an entity code.
 */
export function mermaidId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

export function mermaidLabel(text: string): string {
  const escaped = text.replace(/\r\n|\r|\n/g, ' ').replace(/[#"<>&`|\\{}[\]()]/g, (c) => `#${c.charCodeAt(0)};`);
  return `"${escaped}"`;
}

export type Shape = 'box' | 'round' | 'db' | 'stadium' | 'hex';

const SHAPES: Record<Shape, [string, string]> = { box: ['[', ']'], round: ['(', ')'], db: ['[(', ')]'], stadium: ['([', '])'], hex: ['{{', '}}'] };

export class Flowchart {
  private readonly lines: string[] = [];
  private depth = 1;

  constructor(direction: 'LR' | 'TD' = 'LR') {
    this.lines.push(`flowchart ${direction}`);
  }

  node(id: string, label: string, shape: Shape = 'box'): this {
    const [open, close] = SHAPES[shape];
    this.lines.push(`${'    '.repeat(this.depth)}${mermaidId(id)}${open}${mermaidLabel(label)}${close}`);
    return this;
  }

  edge(from: string, to: string, label?: string, dotted = false): this {
    const arrow = dotted ? '-.->' : '-->';
    this.lines.push(`${'    '.repeat(this.depth)}${mermaidId(from)} ${arrow}${label ? `|${mermaidLabel(label)}|` : ''} ${mermaidId(to)}`);
    return this;
  }

  subgraph(id: string, title: string, body: () => void): this {
    this.lines.push(`${'    '.repeat(this.depth)}subgraph ${mermaidId(`sg-${id}`)}[${mermaidLabel(title)}]`);
    this.depth++;
    body();
    this.depth--;
    this.lines.push(`${'    '.repeat(this.depth)}end`);
    return this;
  }

  toString(): string {
    return `\`\`\`mermaid\n${this.lines.join('\n')}\n\`\`\`\n`;
  }
}
