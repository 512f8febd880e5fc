import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// Nothing of an analysis lives in module scope: the analysis host (core/host.ts) owns the state of
// the analyses of a workspace, so two workspaces in one process, or two hosts over one, never share
// recorded reads, partial results or a previous analysis. Module scope may hold constants, and
// WeakMap memos of pure functions keyed by objects that never change once built: each is named
// here with the reason it is safe.
const CORE = resolve(__dirname, '../../../server/src/core');

const ALLOWED_MEMOS: Record<string, string> = {
  'follow-ons.ts:declaredSets': 'the ref fields a declaration declares; declarations never change once built',
  'model/service-ip.ts:judged': 'judgements derived from one model, with the reads that made them; a model never changes',
  'model/service-ip.ts:ownIps': 'lookups into one address model, which never changes once built',
  'model/field-typos.ts:cache': 'findings of one parsed map under one set of declarations; both never change',
  'model/cidr.ts:keys': 'the text key of a parsed address; an Ip never changes',
  'model/storage-links.ts:refsByEntity': 'refs grouped by entity for one model',
  'model/legacy-shapes.ts:indexes': 'where each legacy key of one model is reported, with the reads that made it',
  'model/legacy-shapes.ts:varsReporters': 'which guest reports each shared `ansible.vars` block of one model, with the reads that made it',
  'model/storage-links.ts:restingCache': 'what rests on what, for one model',
  'model/storage-links.ts:volumeCache': 'volumes by guest, for one model',
  'model/extract.ts:contributions': 'what one parsed map contributes to extraction; a parsed tree never changes',
  'model/lookups.ts:memos': 'lookups derived from one entity index, which never changes once built',
  'model/model.ts:resolutions': "a ref's last resolution, stamped with the model it holds for and re-checked in any other",
  'model/resolve.ts:chosenKindLists': 'one list per kind a `kindFrom` chooses; declarations never change',
  'model/model.ts:specKeyLists': 'the fields a ref spec reads; declarations never change',
  'model/canonical.ts:nicCache': 'the NICs read from one parsed guest map, with the reads that made them',
  'model/addresses.ts:cache': 'the address model of one model',
  'model/addresses.ts:guestHolders': 'the addresses of one guest entity (entities of unchanged text are kept across analyses)',
  'model/addresses.ts:parsedIps': 'the parse of one scalar node, which never changes',
  'model/addresses.ts:networksCache': 'the networks of one model',
  'model/addresses.ts:prefixIndex': 'prefixes by network of one address model',
  'model/addresses.ts:byNetwork': 'holders by network of one address model',
  'model/addresses.ts:lookups': 'holder lookups of one address model',
  'model/declarations.ts:unions': 'the union of two declarations, which never change once built',
  'model/topology-schema.ts:built': 'the declarations of a schema object; the bundled schema is never changed',
  'features/locate.ts:byModel': 'what sits where in one model',
  'features/file-decls.ts:cache': 'the declaration of each included file of one model',
  'kubernetes/ref-index.ts:indexes': 'the ref index of one discovered project, which never changes once discovered',
  'rules/schema-issues.ts:validators': 'the compiled validators of one set of declarations',
  'rules/schema-issues.ts:results': 'the schema findings of one model, with the reads that made them',
  'incremental/rule-runs.ts:lists': "one change's sets as arrays; a change never changes once computed",
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface TopLevel {
  where: string;
  kind: 'let' | 'Map' | 'Set' | 'WeakMap' | 'WeakSet' | 'array';
}

/** Module-scope `let`/`var`, and module-scope collections that some code of the file changes. */
function mutableModuleState(file: string, text: string): TopLevel[] {
  const out: TopLevel[] = [];
  for (const m of text.matchAll(/^(?:export )?(?:let|var) ([A-Za-z_$][\w$]*)/gm)) out.push({ where: `${file}:${m[1]}`, kind: 'let' });
  for (const m of text.matchAll(/^(?:export )?const ([A-Za-z_$][\w$]*)(?::[^=\n]+)? = (?:new (Map|Set|WeakMap|WeakSet)\b|(\[))/gm)) {
    const name = m[1];
    if (name === undefined) continue;
    const n = name.replace(/\$/g, '\\$');
    // Changed in place, or handed to the tracker's `memoized`, which fills it.
    const mutated = new RegExp(`\\b${n}\\.(set|add|delete|clear|push|pop|shift|unshift|splice)\\(|memoized\\(${n}\\b`).test(text);
    if (mutated) out.push({ where: `${file}:${name}`, kind: (m[2] as TopLevel['kind'] | undefined) ?? 'array' });
  }
  return out;
}

describe('module-level state in server/src/core', () => {
  const found = sources(CORE).flatMap((p) => mutableModuleState(relative(CORE, p).split('\\').join('/'), readFileSync(p, 'utf8')));

  it('finds the WeakMap memos it allows (the scan sees module scope)', () => {
    const seen = new Set(found.map((f) => f.where));
    for (const name of Object.keys(ALLOWED_MEMOS)) assert.ok(seen.has(name), `${name} is allowed but no longer there: drop it from the list`);
  });

  it('has no top-level let and no changed module-level collection but the memos named here', () => {
    const bad = found.filter((f) => f.kind !== 'WeakMap' || !(f.where in ALLOWED_MEMOS)).map((f) => `${f.where} (${f.kind})`);
    assert.deepEqual(bad, []);
  });
});
