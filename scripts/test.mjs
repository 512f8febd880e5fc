// Runs every mocha suite and ends with the totals line CI reads: "N passed, N failed".
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv.slice(2);
function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const mocha = new Mocha({ timeout: 120000, reporter: 'spec' });
for (const f of files('out/test').sort()) if (filter.length === 0 || filter.some((x) => f.includes(x))) mocha.addFile(f);
let passed = 0;
let failed = 0;
let pending = 0;
const runner = mocha.run();
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
runner.on('pending', () => pending++);
runner.on('end', () => {
  const totals = `${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`;
  writeFileSync('out/test-totals.txt', `${totals}\n`);
  console.log(`\n${totals}`);
  process.exitCode = failed > 0 ? 1 : 0;
});
