/** The extension's logic that needs no editor: restart back-off, log levels, language status text, summaries. */
import * as assert from 'node:assert/strict';
import { validateServiceName } from '../../../client/src/commands/service-name';
import { leftOutSentence, summarizeRegenerate } from '../../../client/src/commands/regenerate-summary';
import { formatLogLine, parseLogLevel, shouldLog } from '../../../client/src/log-level';
import { RestartPolicy } from '../../../client/src/restart-policy';
import { statusText } from '../../../client/src/status-text';

describe('client: restart policy', () => {
  it('backs off 1 s, 2 s, 5 s, 10 s, 30 s on crashes in a row, then gives up', () => {
    let now = 0;
    const policy = new RestartPolicy(undefined, undefined, undefined, () => now);
    const decisions = Array.from({ length: 7 }, () => {
      policy.started();
      now += 1000; // each run dies after a second
      return policy.crashed();
    });
    assert.deepEqual(
      decisions.map((d) => d.delayMs),
      [1000, 2000, 5000, 10000, 30000, 30000, 30000],
    );
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, true, true, false],
    );
  });

  it('a server that stayed up three minutes starts over at the shortest delay', () => {
    let now = 0;
    const policy = new RestartPolicy(undefined, undefined, undefined, () => now);
    policy.started();
    policy.crashed();
    policy.started();
    policy.crashed();
    policy.started();
    now += 3 * 60 * 1000;
    assert.deepEqual(policy.crashed(), { restart: true, delayMs: 1000, crashes: 1 });
  });

  it('a restart by the user forgets the crashes', () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < 6; i++) policy.crashed();
    assert.equal(policy.crashed().restart, false);
    policy.reset();
    assert.deepEqual(policy.crashed(), { restart: true, delayMs: 1000, crashes: 1 });
  });
});

describe('client: log level', () => {
  it('lets through the level and everything more severe', () => {
    assert.equal(shouldLog('warning', 'error'), true);
    assert.equal(shouldLog('warning', 'warning'), true);
    assert.equal(shouldLog('warning', 'info'), false);
    assert.equal(shouldLog('trace', 'trace'), true);
    assert.equal(shouldLog('off', 'error'), false);
  });

  it('reads unknown setting values as info', () => {
    assert.equal(parseLogLevel('debug'), 'debug');
    assert.equal(parseLogLevel('verbose'), 'info');
    assert.equal(parseLogLevel(undefined), 'info');
  });

  it('formats lines like VS Code log channels', () => {
    assert.equal(formatLogLine('error', 'boom', new Date(2026, 10, 22, 9, 5, 7, 42)), '2026-11-22 09:05:07.042 [error] boom');
  });
});

describe('client: language status text', () => {
  it('shows the counts while running, with a label that names them', () => {
    const s = statusText('running', { errors: 2, warnings: 1 });
    assert.equal(s.problems.text, '$(error) 2 $(warning) 1');
    assert.equal(s.problems.detail, 'Strata: 2 errors, 1 warning');
    assert.equal(s.accessibility, 'Strata: running, 2 errors, 1 warning');
    assert.deepEqual([s.server.text, s.server.severity, s.server.busy], ['Server running', 'information', false]);
  });

  it('counts are not claimed while the server is not running', () => {
    const s = statusText('starting', { errors: 3, warnings: 0 });
    assert.doesNotMatch(s.problems.text + s.problems.detail, /3/);
    assert.equal(s.server.busy, true);
  });

  it('a restart in progress and a failed server stand out and point to the log', () => {
    const restarting = statusText('restarting', { errors: 0, warnings: 0 }, 'crash 2, restart in 2 s');
    assert.equal(restarting.server.severity, 'warning');
    assert.match(restarting.server.detail, /crash 2, restart in 2 s.*log/);
    const failed = statusText('failed', { errors: 0, warnings: 0 });
    assert.equal(failed.server.severity, 'error');
    assert.equal(failed.problems.severity, 'error');
    assert.match(failed.server.detail, /Restart/);
  });
});

describe('client: regenerate summary', () => {
  it('names each generator with what it wrote, removed or kept', () => {
    const r = summarizeRegenerate('Strata: Regenerate all', {
      totalMs: 312.4,
      summary: [
        { generator: 'terraform-proxmox', status: 'ran', written: 3, unchanged: 1, removed: 1, blocked: 0 },
        { generator: 'ansible', status: 'skipped', written: 0 },
        { generator: 'docs', status: 'ran', written: 0, blocked: 2 },
        { generator: 'terraform-mikrotik', status: 'failed', error: 'no router' },
      ],
    });
    assert.equal(
      r.text,
      'Strata: Regenerate all in 312 ms: terraform-proxmox 3 written, 1 removed; ansible up to date; docs 0 written, 2 kept (edited by hand); terraform-mikrotik failed (no router).',
    );
    assert.equal(r.failed, true);
  });

  it('quotes what the generators left out (warnings and errors, not infos), the rest counted for the log', () => {
    const note = (generator: string, severity: string, message: string) => ({ generator, rule: 'generator-omission', severity, message });
    const notes = [
      note('terraform-mikrotik', 'warning', "Network 'net-b' has no gateway; its address is left out."),
      note('docs', 'info', 'connected route'),
      note('ansible', 'warning', "host_vars of 'nas' name no host."),
    ];
    assert.equal(leftOutSentence({ notes }), " Left out: terraform-mikrotik: Network 'net-b' has no gateway; its address is left out; ansible: host_vars of 'nas' name no host.");
    const many = Array.from({ length: 5 }, (_, i) => note('terraform-proxmox', 'warning', `NIC ${i} has no bridge`));
    assert.equal(
      leftOutSentence({ notes: many }),
      ' Left out: terraform-proxmox: NIC 0 has no bridge; terraform-proxmox: NIC 1 has no bridge; terraform-proxmox: NIC 2 has no bridge; and 2 more (see the Strata log).',
    );
    assert.equal(leftOutSentence({ notes: [note('docs', 'info', 'connected route')] }), '');
    assert.equal(leftOutSentence(null), '');
  });

  it('an answer without a summary still says it is done', () => {
    assert.deepEqual(summarizeRegenerate('Strata: Regenerate docs', null), { text: 'Strata: Regenerate docs: done.', failed: false });
  });
});

describe('client: new Kubernetes service name', () => {
  it('accepts DNS labels and explains what is wrong with anything else', () => {
    assert.equal(validateServiceName('grafana-2'), undefined);
    assert.equal(validateServiceName(''), 'Enter a name.');
    assert.match(validateServiceName('Grafana') ?? '', /Lower-case/);
    assert.match(validateServiceName('-x') ?? '', /starting and ending/);
    assert.equal(validateServiceName('a'.repeat(64)), 'At most 63 characters.');
  });
});
