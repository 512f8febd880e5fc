import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { AnalysisHost } from '../../server/src/core/host';
import type { Entity } from '../../server/src/core/model/extract';
import { topologyDeclarations } from '../../server/src/core/model/topology-schema';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { defineRule, type EntityRule } from '../../server/src/core/rules/rule';
import { MemoryFileSystem } from '../../server/src/core/workspace/memory-fs';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { guestDescription } from '../examples/guest-description';

// A rule written only from docs/writing-a-rule.md is re-checked incrementally: after an edit of one
// guest's file, its check runs for the guests of that file only, and reports what a fresh check does.
const REPO = resolve(__dirname, '../../..');

const GUESTS = ['lxc-a', 'lxc-b', 'lxc-c', 'lxc-d', 'lxc-e'];

function files(described: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = { 'topology.yaml': 'L4_platform:\n  lxc: !include_dir_sorted lxc\n' };
  // An empty description is none; filling one in is a value edit, which keeps the shape of the topology.
  for (const id of GUESTS) out[`lxc/${id}.yaml`] = `id: ${id}\ndescription: '${described.has(id) ? `runs ${id}` : ''}'\nname: ${id}\n`;
  return out;
}

/** The example rule, its check calls counted by the id of the guest checked. */
function counted(calls: string[]): EntityRule {
  return {
    ...guestDescription,
    check(guest: Entity, ctx) {
      calls.push(guest.id);
      guestDescription.check(guest, ctx);
    },
  };
}

const own = (d: { code: string }) => d.code === guestDescription.id;

describe('writing a rule (docs/writing-a-rule.md)', () => {
  it('the page shows the example the tests compile', () => {
    const page = readFileSync(join(REPO, 'docs/writing-a-rule.md'), 'utf8');
    const example = readFileSync(join(REPO, 'test/examples/guest-description.ts'), 'utf8');
    const code = example.slice(example.indexOf('export const'));
    assert.ok(page.includes(code.trimEnd()), 'docs/writing-a-rule.md and test/examples/guest-description.ts differ');
  });

  it('a rule written from the page is checked again only for the items an edit touched', () => {
    const calls: string[] = [];
    const rule = counted(calls);
    const before = files(new Set(['lxc-a']));
    const ws = new Workspace(new MemoryFileSystem(before));
    const host = new AnalysisHost(ws, topologyDeclarations(), { rules: [...ALL_RULES, rule] });
    const first = host.analyze();
    assert.deepEqual(calls, GUESTS);
    assert.deepEqual(
      first.diagnostics.filter(own).map((d) => d.file),
      ['lxc/lxc-b.yaml', 'lxc/lxc-c.yaml', 'lxc/lxc-d.yaml', 'lxc/lxc-e.yaml'],
    );

    calls.length = 0;
    const after = files(new Set(['lxc-a', 'lxc-c']));
    const edited = after['lxc/lxc-c.yaml'];
    assert.ok(edited);
    ws.setOverlay('lxc/lxc-c.yaml', edited);
    const second = host.analyze();
    assert.deepEqual(calls, ['lxc-c'], 'only the edited guest is checked again');
    const fresh = analyze(new Workspace(new MemoryFileSystem(after)), topologyDeclarations(), { ruleSet: [...ALL_RULES, guestDescription] });
    assert.deepEqual(second.diagnostics.filter(own), fresh.diagnostics.filter(own));
    assert.deepEqual(
      second.diagnostics.filter(own).map((d) => d.file),
      ['lxc/lxc-b.yaml', 'lxc/lxc-d.yaml', 'lxc/lxc-e.yaml'],
    );
  });

  it('a first analysis that defers what makes re-checks incremental is recorded afterwards, and then re-checks one guest', () => {
    const calls: string[] = [];
    const ws = new Workspace(new MemoryFileSystem(files(new Set(['lxc-a']))));
    const host = new AnalysisHost(ws, topologyDeclarations(), { rules: [...ALL_RULES, counted(calls)] });
    const first = host.analyze({ deferItems: true });
    assert.ok(first.deferred);
    assert.deepEqual(calls, GUESTS);
    calls.length = 0;
    for (const step of host.primeSteps()) step();
    assert.deepEqual(calls, GUESTS, 'the steps check each guest once more, recording what each read');
    calls.length = 0;
    const after = files(new Set(['lxc-a', 'lxc-c']));
    ws.setOverlay('lxc/lxc-c.yaml', after['lxc/lxc-c.yaml']!);
    const second = host.analyze({ deferItems: true });
    assert.ok(!second.deferred, 'with a last analysis to start from, nothing is deferred');
    assert.deepEqual(calls, ['lxc-c']);
    const fresh = analyze(new Workspace(new MemoryFileSystem(after)), topologyDeclarations(), { ruleSet: [...ALL_RULES, guestDescription] });
    assert.deepEqual(second.diagnostics, fresh.diagnostics);
  });

  it('in one list file of many guests, an edit of one guest checks that guest again, and no other', () => {
    const listed = (described: ReadonlySet<string>) => ({
      'topology.yaml': 'L4_platform:\n  lxc: !include lxc.yaml\n',
      // A comment line above the edit moves the findings after it: they are moved, not made again.
      'lxc.yaml': GUESTS.map((id) => `- id: ${id}\n  description: '${described.has(id) ? `runs ${id}` : ''}'\n  name: ${id}\n`).join(''),
    });
    const calls: string[] = [];
    const ws = new Workspace(new MemoryFileSystem(listed(new Set(['lxc-a']))));
    const host = new AnalysisHost(ws, topologyDeclarations(), { rules: [...ALL_RULES, counted(calls)] });
    host.analyze();
    assert.deepEqual(calls, GUESTS);
    for (const [step, described] of [new Set(['lxc-a', 'lxc-b']), new Set(['lxc-a'])].entries()) {
      calls.length = 0;
      const text = listed(described)['lxc.yaml'];
      ws.setOverlay('lxc.yaml', step === 0 ? text : `# guests\n${text}`);
      const next = host.analyze();
      assert.deepEqual(calls, ['lxc-b'], `step ${step}: only the edited guest is checked again`);
      const fresh = analyze(new Workspace(new MemoryFileSystem({ ...listed(described), 'lxc.yaml': ws.readText('lxc.yaml').text! })), topologyDeclarations(), {
        ruleSet: [...ALL_RULES, guestDescription],
      });
      assert.deepEqual(next.diagnostics, fresh.diagnostics, `step ${step}`);
    }
  });

  it('a rule over files is checked again for the edited file only, and sees its new text', () => {
    const checked: string[] = [];
    const todo = defineRule({
      id: 'todo-comment',
      severity: 'hint',
      category: 'governance',
      description: 'A file holds a TODO comment.',
      docs: 'Reports every file with a `# TODO` comment.',
      over: 'files',
      check(file, { report }) {
        checked.push(file.path);
        const at = file.text.indexOf('# TODO');
        if (at >= 0) report({ span: { file: file.path, start: at, end: at + 6 }, message: 'TODO left here.' });
      },
    });
    const ws = new Workspace(new MemoryFileSystem(files(new Set())));
    const host = new AnalysisHost(ws, topologyDeclarations(), { rules: [...ALL_RULES, todo] });
    host.analyze();
    assert.equal(checked.length, GUESTS.length + 1);
    checked.length = 0;
    // A comment changes no value of the tree: only the file's text tells.
    ws.setOverlay('lxc/lxc-b.yaml', `${files(new Set())['lxc/lxc-b.yaml']}# TODO split\n`);
    const after = host.analyze();
    assert.deepEqual(checked, ['lxc/lxc-b.yaml']);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'todo-comment').map((d) => d.file),
      ['lxc/lxc-b.yaml'],
    );
  });
});
