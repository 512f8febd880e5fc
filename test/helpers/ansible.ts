import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function hasAnsible(): boolean {
  try {
    execFileSync('ansible-inventory', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Skips the suite when ansible-inventory is missing; .ci/run installs Debian's ansible, so under CI it fails instead. */
export function requireAnsible(ctx: Mocha.Context): void {
  if (hasAnsible()) return;
  if (process.env.CI) throw new Error('ansible-inventory is not installed (apt-get install ansible)');
  ctx.skip();
}

/** ansible-inventory --list over the generated inventory folder. */
// biome-ignore lint/suspicious/noExplicitAny: the tests probe ansible-inventory's JSON by path, as a user's playbook would
export function inventoryList(files: Map<string, { path: string; content: string }>): Record<string, any> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-ansible-'));
  try {
    for (const f of files.values()) {
      if (!f.path.startsWith('ansible/')) continue;
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const out = execFileSync('ansible-inventory', ['-i', join(dir, 'ansible/inventory/hosts.yml'), '--list'], {
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', ANSIBLE_NOCOLOR: '1' },
    });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
