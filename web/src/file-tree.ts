/** The workspace's files as a folder tree; files reached from the root are marked. */
export function renderFileTree(el: HTMLElement, paths: string[], reached: Set<string>, counts: Map<string, number>, onOpen: (path: string) => void): void {
  interface Dir {
    dirs: Map<string, Dir>;
    files: string[];
  }
  const root: Dir = { dirs: new Map(), files: [] };
  for (const p of [...paths].sort()) {
    const parts = p.split('/');
    let d = root;
    for (const part of parts.slice(0, -1)) {
      if (!d.dirs.has(part)) d.dirs.set(part, { dirs: new Map(), files: [] });
      d = d.dirs.get(part)!;
    }
    d.files.push(p);
  }
  const build = (d: Dir, depth: number): HTMLElement => {
    const ul = document.createElement('ul');
    for (const [name, sub] of d.dirs) {
      const li = document.createElement('li');
      const details = document.createElement('details');
      details.open = depth < 1;
      const summary = document.createElement('summary');
      summary.textContent = name;
      details.append(summary, build(sub, depth + 1));
      li.append(details);
      ul.append(li);
    }
    for (const p of d.files) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#';
      a.textContent = p.split('/').pop()!;
      a.title = p;
      a.dataset.path = p;
      if (!reached.has(p)) a.classList.add('unreached');
      const n = counts.get(p);
      if (n) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = String(n);
        a.append(' ', badge);
      }
      a.onclick = (ev) => {
        ev.preventDefault();
        onOpen(p);
      };
      li.append(a);
      ul.append(li);
    }
    return ul;
  };
  el.replaceChildren(build(root, 0));
}
