/**
 * The repository speaks for itself: code, docs, rule metadata, messages, samples and tests never
 * cite documents a reader of the repository cannot open. The format is described in docs/format.md,
 * and every link to one of its sections must land on a heading or anchor that exists.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { renderRuleDocs } from '../../scripts/rule-docs';
import { ALL_RULES } from '../../server/src/core/rules/registry';

const REPO = resolve(__dirname, '../../..');
const FORMAT_DOC = join(REPO, 'docs/format.md');
const SELF = 'test/unit/citations.test.ts';

const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'generated', '.strata-out']);
const TEXT = new Set(['.ts', '.mjs', '.js', '.cjs', '.md', '.json', '.yaml', '.yml', '.lua', '.toml', '.txt', '.fixture', '.tf', '.hcl']);

/** Ways of naming an outside document. */
const CITATIONS: readonly { name: string; re: RegExp }[] = [
  { name: 'a numbered seed', re: /\bseeds?\s*0\d\d\b/i },
  { name: 'a seed section', re: /\bseeds?\s+section\b/i },
  { name: 'an architecture seed', re: /\barchitecture\s+seed\b/i },
  { name: 'an ADR', re: /\bADR\b|\bADR-?\d+/ },
  { name: 'a numbered section of another document', re: /§\s*\d/ },
  { name: 'a design document', re: /\bdesign\s+doc/i },
];

/** Every text file of the repository (build output, dependencies and the lockfile aside). */
function repoFiles(dir = REPO, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) repoFiles(p, out);
    } else if (e.isFile() && TEXT.has(extname(e.name)) && e.name !== 'package-lock.json' && statSync(p).size < 4_000_000) {
      out.push(p);
    }
  }
  return out;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Rule metadata is written for the rule pages, so its relative links start from docs/rules/. */
const RULE_SOURCES = [join(REPO, 'server/src/core/rules/'), join(REPO, 'server/src/core/rules/kubernetes/')];
const RULE_PAGE = join(REPO, 'docs/rules/x.md');

/** Citations in one text; `file` (absolute) decides where a relative `format.md` link leads. */
function citations(text: string, file: string): string[] {
  const found: string[] = [];
  for (const { name, re } of CITATIONS) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of text.matchAll(g)) found.push(`${lineOf(text, m.index)}: ${name} ("${m[0]}")`);
  }
  for (const m of text.matchAll(/([\w./-]*)format\.md/g)) {
    if (!leadsToFormatDoc(m[1]!, file)) found.push(`${lineOf(text, m.index)}: "${m[0]}" is not docs/format.md`);
  }
  return found;
}

/** `docs/format.md` from anywhere, or a relative path that resolves to it from the citing file. */
function leadsToFormatDoc(prefix: string, file: string): boolean {
  if (prefix.endsWith('docs/')) return true;
  const from = RULE_SOURCES.some((dir) => file.startsWith(dir)) ? RULE_PAGE : file;
  return resolve(dirname(from), `${prefix}format.md`) === FORMAT_DOC;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function formatAnchors(): Set<string> {
  const text = readFileSync(FORMAT_DOC, 'utf8');
  const anchors = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+)$/gm)) anchors.add(slug(m[1]!));
  for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(m[1]!);
  return anchors;
}

describe('citations', () => {
  const files = repoFiles().filter((f) => relative(REPO, f) !== SELF);

  it('scans the sources, docs, samples and tests', () => {
    const rel = new Set(files.map((f) => relative(REPO, f)));
    for (const p of ['README.md', 'ARCHITECTURE.md', 'package.json', 'docs/format.md', 'server/src/core/rules/kubernetes/categories.ts', 'docs/rules/deprecated-field.md']) {
      assert.ok(rel.has(p), `${p} is scanned`);
    }
  });

  it('no file cites a document outside the repository', () => {
    const bad: string[] = [];
    for (const f of files) for (const c of citations(readFileSync(f, 'utf8'), f)) bad.push(`${relative(REPO, f)}:${c}`);
    assert.deepEqual(bad, []);
  });

  it('no rule metadata or rendered rule page cites one', () => {
    const bad: string[] = [];
    for (const r of ALL_RULES) {
      for (const c of citations(`${r.description}\n${r.docs}`, RULE_PAGE)) bad.push(`${r.id}: ${c}`);
    }
    for (const [p, text] of renderRuleDocs(REPO)) for (const c of citations(text, join(REPO, p))) bad.push(`${p}:${c}`);
    assert.deepEqual(bad, []);
  });

  it('finds each kind of citation, and accepts links to docs/format.md', () => {
    const src = join(REPO, 'server/src/core/x.ts');
    const page = RULE_PAGE;
    for (const cited of ['see seed 000, phase 8', 'seed 002 section 3', 'architecture seed', 'ADR-0026', 'format.md §6', 'the design doc', '(format.md section 1)']) {
      assert.notDeepEqual(citations(cited, src), [], cited);
    }
    assert.notDeepEqual(citations('[x](format.md#layers)', page), [], 'docs/rules/format.md does not exist');
    for (const fine of ['docs/format.md#includes', '(see `docs/format.md#migrations`)', 'mulberry32 (seed 26)', 'test/fixtures/schema/format-schema.md']) {
      assert.deepEqual(citations(fine, src), [], fine);
    }
    assert.deepEqual(citations('[the refactor](../format.md#migrations)', page), []);
  });

  it('every link to a section of docs/format.md lands on one', () => {
    const anchors = formatAnchors();
    assert.ok(anchors.has('includes') && anchors.has('pattern-14'), 'anchors read from docs/format.md');
    const bad: string[] = [];
    const texts: [string, string][] = files.map((f) => [f, readFileSync(f, 'utf8')]);
    for (const [p, text] of renderRuleDocs(REPO)) texts.push([join(REPO, p), text]);
    for (const [f, text] of texts) {
      // An anchor built in a template (`#pattern-${n}`) is checked in the rendered pages instead.
      for (const m of text.matchAll(/([\w./-]*)format\.md#([\w-]+)(?![\w-]|\$\{)/g)) {
        const own = f === FORMAT_DOC && m[1] === '';
        if ((own || leadsToFormatDoc(m[1]!, f)) && !anchors.has(m[2]!)) bad.push(`${relative(REPO, f)}:${lineOf(text, m.index)}: #${m[2]}`);
      }
      if (f === FORMAT_DOC) {
        for (const m of text.matchAll(/\]\(#([\w-]+)\)/g)) if (!anchors.has(m[1]!)) bad.push(`docs/format.md:${lineOf(text, m.index)}: #${m[1]}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
