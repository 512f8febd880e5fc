/**
 * Random block-YAML documents for holding the block reader to the `yaml` package: nested maps and
 * sequences in both indent styles, comments at every indentation, blank lines, trailing spaces,
 * plain, quoted and special scalars, one-line flow collections, anchors, aliases, merge keys and
 * include tags, LF or CRLF line breaks. Seeded (rng.ts), so a failing case can be replayed.
 */
import { rng } from './rng';

const PLAIN = [
  'a',
  'lxc-c1',
  'Container 1',
  '10.0.1.11/24',
  'http://x.lan:8080/p',
  'true',
  'False',
  'null',
  '~',
  '0',
  '-1',
  '+7',
  '012',
  '0o17',
  '0x1F',
  '1.5',
  '1.',
  '.5',
  '1e3',
  '-.inf',
  '.NaN',
  '1_000',
  'yes',
  'a#b',
  'a b  c',
  'x]',
  '-x',
  'a:b',
  "it's",
  'a"b',
  '2026-12-01',
  '1.2.3',
];
const QUOTED = ['"a"', "'a b'", '"x: y"', "'it''s'", '"\\t\\u00e9\\\\ \\""', '""', "''", '"# not a comment"', '"10"'];
const KEYS = ['id', 'name', 'a', 'b', 'c', 'ip', 'x y', '1', 'true', 'null', '"q k"', "'s k'", 'dup', 'dup', 'lxc_ref'];
const INCLUDES = ['!include a.yaml', '!include_dir_sorted dir', '!include "q.yaml"', '!include sub/b.yaml'];

export function randomYaml(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const step = r() < 0.7 ? 2 : 4;
  const seqIndented = r() < 0.5;
  /** Anchors whose value is complete (aliases may name them), and those on maps (merge keys may). */
  const anchors: string[] = [];
  const mapAnchors: string[] = [];
  let anchorCount = 0;
  const out: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const comment = () => `# ${pick(['note', 'x: y', '- item', ''])}`;
  const trailing = () => (r() < 0.15 ? `  ${comment()}` : '') + (r() < 0.05 ? '  ' : '');

  /** Lines between items: blanks and comments at any indentation near `indent`. */
  const between = (indent: number) => {
    while (r() < 0.25) {
      const roll = r();
      if (roll < 0.35) out.push(r() < 0.8 ? '' : pad(Math.floor(r() * 6)));
      else out.push(pad(Math.max(0, indent + Math.floor(r() * 7) - 4)) + comment());
    }
  };

  const scalar = (): string => {
    const roll = r();
    if (roll < 0.55) return pick(PLAIN);
    if (roll < 0.75) return pick(QUOTED);
    if (roll < 0.83) return pick(INCLUDES);
    if (roll < 0.9 && anchors.length) return `*${pick(anchors)}`;
    // Flow collections with the spacing people type: around commas and inside the brackets.
    const sep = () => pick([', ', ', ', ' , ', ',  ', '  , ', ',']);
    const inside = () => (r() < 0.2 ? ' ' : '');
    if (roll < 0.95) return `[${inside()}${Array.from({ length: Math.floor(r() * 4) }, () => pick([...PLAIN.slice(0, 8), '"q"', '[1, 2]', '{k: v}', '[ x ]', '{ a: [1]  }'])).join(sep())}${inside()}]`;
    return `{${inside()}${Array.from({ length: Math.floor(r() * 3) }, (_, i) => `k${i}: ${pick([...PLAIN.slice(0, 6), '[1]', '{x: y}'])}`).join(sep())}${inside()}}`;
  };

  /** Maybe an anchor; `done` records it once its value is written. */
  const anchor = (): { text: string; done: (isMap: boolean) => void } => {
    if (r() >= 0.08) return { text: '', done: () => undefined };
    const name = `an${anchorCount++}`;
    return {
      text: `&${name} `,
      done: (isMap) => {
        anchors.push(name);
        if (isMap) mapAnchors.push(name);
      },
    };
  };

  const map = (indent: number, depth: number, firstPrefix?: string) => {
    const n = 1 + Math.floor(r() * (depth === 0 ? 8 : 4));
    for (let i = 0; i < n; i++) {
      const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : pad(indent);
      if (i > 0 || firstPrefix === undefined) between(indent);
      const key = r() < 0.05 && mapAnchors.length ? '<<' : pick(KEYS);
      if (key === '<<') {
        out.push(`${lead}<<: ${r() < 0.7 ? `*${pick(mapAnchors)}` : `[*${pick(mapAnchors)}]`}${trailing()}`);
        continue;
      }
      const roll = r();
      const a = anchor();
      if (depth < 4 && roll < 0.3) {
        out.push(`${lead}${key}: ${a.text}`.trimEnd() + (r() < 0.1 && !a.text ? ` ${comment()}` : ''));
        between(indent + step);
        map(indent + step, depth + 1);
        a.done(true);
      } else if (depth < 4 && roll < 0.5) {
        out.push(`${lead}${key}: ${a.text}`.trimEnd());
        between(indent);
        seq(seqIndented ? indent + step : indent, depth + 1);
        a.done(false);
      } else if (roll < 0.55) {
        out.push(`${lead}${key}:${r() < 0.3 ? '  ' : ''}${r() < 0.2 ? ` ${comment()}` : ''}`);
      } else {
        const v = scalar();
        out.push(`${lead}${key}: ${v.startsWith('*') ? '' : a.text}${v}${trailing()}`);
        if (!v.startsWith('*')) a.done(v.startsWith('{'));
      }
    }
  };

  const seq = (indent: number, depth: number) => {
    const n = 1 + Math.floor(r() * (depth === 0 ? 8 : 4));
    for (let i = 0; i < n; i++) {
      between(indent);
      if (depth < 4 && r() < 0.4) map(indent + 2, depth + 1, `${pad(indent)}- `);
      else {
        const a = anchor();
        const v = scalar();
        out.push(`${pad(indent)}- ${v.startsWith('*') ? '' : a.text}${v}${trailing()}`);
        if (!v.startsWith('*')) a.done(v.startsWith('{'));
      }
    }
  };

  if (r() < 0.2) out.push(comment());
  if (r() < 0.03) out.push(`${scalar().startsWith('[') ? '[a, b]' : '{}'}${trailing()}`);
  else {
    // Sometimes the whole document is indented, as files pasted out of a list are.
    const root = r() < 0.1 ? 1 + Math.floor(r() * 3) : 0;
    if (r() < 0.15) seq(root, 0);
    else map(root, 0);
  }
  between(0);
  // Some files come from Windows editors.
  const nl = r() < 0.1 ? '\r\n' : '\n';
  return out.join(nl) + (r() < 0.8 ? nl : '');
}

/** The YAML punctuation every mutation test inserts: indicators, flow brackets, an anchor and an alias. */
export const YAML_PUNCTUATION = [':', '- ', '[', ']', '{', '}', '&a ', '*a'];

const SNIPPETS = [
  ...YAML_PUNCTUATION,
  ' #',
  '# c',
  '!include ',
  '"',
  "'",
  '\n',
  '  ',
  '? ',
  '|',
  '>',
  ': ',
  '- a: 1',
  'x: [1, 2]',
  '  # c\n',
  ',',
  '0x',
  '<<: ',
  '*an0',
  '&an9 ',
  '\n  ',
  '\n- ',
  'k: v\n',
  '\t',
  '---\n',
];

/** One random edit of a YAML text: a line dropped, duplicated, re-indented, a comment line put in, or a snippet typed. */
export function mutateYaml(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  switch (Math.floor(r() * 7)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, `${' '.repeat(Math.floor(r() * 8))}# c`);
      break;
    case 2:
      lines[i] = ' '.repeat(1 + Math.floor(r() * 2)) + lines[i];
      break;
    case 3:
      lines[i] = lines[i]!.replace(/^ /, '');
      break;
    case 4:
      lines.splice(i, 0, lines[Math.floor(r() * lines.length)]!);
      break;
    default: {
      const p = Math.floor(r() * (text.length + 1));
      return text.slice(0, p) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(p + (r() < 0.3 ? 1 : 0));
    }
  }
  return lines.join('\n');
}
