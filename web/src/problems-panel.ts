import type { Diagnostic } from '../../server/src/core';

/** The Problems list: one row per finding; a click opens the file at the finding. */
const RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function renderProblems(el: HTMLElement, all: Diagnostic[], onOpen: (d: Diagnostic) => void): void {
  // Errors first, then warnings, then information; within each, by file and position (already sorted).
  const diags = [...all].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const table = document.createElement('table');
  table.className = 'problems';
  for (const d of diags) {
    const tr = document.createElement('tr');
    tr.className = `sev-${d.severity}`;
    tr.dataset.code = d.code;
    const cells = [d.severity, `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`, d.code, d.message];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    tr.onclick = () => onOpen(d);
    table.append(tr);
  }
  if (diags.length === 0) {
    const p = document.createElement('p');
    p.textContent = 'No problems.';
    el.replaceChildren(p);
  } else el.replaceChildren(table);
}
