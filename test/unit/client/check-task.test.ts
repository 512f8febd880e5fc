/**
 * The `strata` task and the `$strata` problem matcher: the matcher's pattern, taken from
 * package.json, reads every finding line of a real `strata check` report (and nothing else) back
 * into the file, position, severity, rule and message the JSON report has.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isStrataTask, PROBLEM_MATCHER, TASK_COMMANDS, TASK_TYPE, taskArgv } from '../../../client/src/check-task';

const REPO = join(__dirname, '../../../..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  contributes: {
    taskDefinitions: { type: string; required: string[]; properties: { command: { enum: string[] } } }[];
    problemMatchers: {
      name: string;
      owner: string;
      fileLocation: string[];
      pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
    }[];
  };
};
const matcher = pkg.contributes.problemMatchers.find((m) => `$${m.name}` === PROBLEM_MATCHER);

interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

/** `strata check` as the task runs it: in the folder, over `.`. */
function check(sample: string, ...args: string[]) {
  const cwd = join(REPO, 'test-fixtures', sample);
  const run = (...extra: string[]) =>
    spawnSync(process.execPath, taskArgv(join(REPO, 'dist/cli.js'), { type: TASK_TYPE, command: 'check', args: [...args, ...extra] }), { cwd, encoding: 'utf8' }).stdout;
  return { text: run(), json: (JSON.parse(run('--format', 'json')) as { diagnostics: JsonDiagnostic[] }).diagnostics };
}

describe('client: the strata task and the $strata problem matcher', () => {
  it('package.json declares the task type and the matcher the provider names', () => {
    const def = pkg.contributes.taskDefinitions.find((d) => d.type === TASK_TYPE);
    assert.deepEqual(def?.properties.command.enum, [...TASK_COMMANDS]);
    assert.deepEqual(def?.required, ['command']);
    assert.ok(matcher, `no problem matcher ${PROBLEM_MATCHER}`);
    assert.notEqual(matcher.owner, 'strata', "the task's problems must not replace the language server's (its diagnostic collection is `strata`)");
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  for (const [sample, args] of [
    ['sample-broken', []],
    ['sample-broken', ['--verbose']],
    ['sample-v4', ['--verbose']],
  ] as const) {
    it(`reads each finding of ${sample} ${args.join(' ')} from the text report, and no other line`, () => {
      assert.ok(matcher);
      const { text, json } = check(sample, ...args);
      const re = new RegExp(matcher.pattern.regexp);
      const read = text.split('\n').flatMap((l) => {
        const m = re.exec(l);
        const p = matcher.pattern;
        return m ? [{ file: m[p.file], line: Number(m[p.line]) - 1, character: Number(m[p.column]) - 1, severity: m[p.severity], code: m[p.code], message: m[p.message] }] : [];
      });
      const expected = args.length ? json : json.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.ok(expected.length > 0, 'the report lists findings');
      assert.deepEqual(
        read,
        expected.map((d) => ({ file: d.file, line: d.range.start.line, character: d.range.start.character, severity: d.severity, code: d.code, message: d.message })),
      );
    });
  }

  it('accepts only well-formed task definitions from tasks.json', () => {
    assert.ok(isStrataTask({ type: 'strata', command: 'check' }));
    assert.ok(isStrataTask({ type: 'strata', command: 'check', args: ['--verbose'] }));
    assert.ok(!isStrataTask({ type: 'strata', command: 'generate' }));
    assert.ok(!isStrataTask({ type: 'strata', command: 'check', args: '--verbose' }));
    assert.ok(!isStrataTask({ type: 'shell', command: 'check' }));
  });
});
