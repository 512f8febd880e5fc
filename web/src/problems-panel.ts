import type { Diagnostic } from '../../server/src/core/types';

/** The Problems list: one row per finding; a click opens the file at the finding. */
export function renderProblems(el: HTMLElement, diags: Diagnostic[], onOpen: (d: Diagnostic) => void): void {
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
