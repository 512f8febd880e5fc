/** Tokenises YAML with VS Code's YAML grammar and, optionally, Strata's injection grammar. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const REPO = join(__dirname, '../../..');
const BASE = join(REPO, 'test/fixtures/grammar/yaml');
export const INJECTION_PATH = join(REPO, 'syntaxes/strata-yaml.injection.tmLanguage.json');
const INJECTION_SCOPE = 'strata.yaml.injection';
const FILES: Record<string, string> = {
  'source.yaml': join(BASE, 'yaml.tmLanguage.json'),
  'source.yaml.1.2': join(BASE, 'yaml-1.2.tmLanguage.json'),
  'source.yaml.1.3': join(BASE, 'yaml-1.3.tmLanguage.json'),
  'source.yaml.embedded': join(BASE, 'yaml-embedded.tmLanguage.json'),
  [INJECTION_SCOPE]: INJECTION_PATH,
};

export interface Token {
  line: number;
  start: number;
  text: string;
  scopes: string[];
}

let wasm: Promise<void> | undefined;

export async function yamlGrammar(withInjection: boolean): Promise<IGrammar> {
  wasm ??= oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  await wasm;
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (FILES[scope] ? parseRawGrammar(readFileSync(FILES[scope], 'utf8'), FILES[scope]) : null),
    getInjections: (scope) => (withInjection && scope === 'source.yaml' ? [INJECTION_SCOPE] : []),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  if (!grammar) throw new Error('YAML grammar not found');
  return grammar;
}

export function tokenize(grammar: IGrammar, text: string): Token[][] {
  let state = INITIAL;
  return text.split('\n').map((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ line: i + 1, start: t.startIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes every token has; left out of snapshots so that they show what differs. */
const COMMON = new Set(['source.yaml', 'meta.stream.yaml', 'meta.document.yaml']);

/** One line per source line (`> text`), then one per non-blank token: column, text, scopes. */
export function snapshot(text: string, lines: Token[][]): string {
  const out: string[] = [];
  text.split('\n').forEach((source, i) => {
    out.push(`> ${source}`);
    for (const t of lines[i] ?? []) {
      if (t.text.trim() === '') continue;
      out.push(`  ${String(t.start).padStart(3)} ${JSON.stringify(t.text)} ${t.scopes.filter((s) => !COMMON.has(s)).join(' ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}
