// The shapes benchmark: each workspace shape (bench/shapes.ts) at each size, measured as users meet
// it: `strata check` as a process, the language server as a process under a real client, and
// headless Neovim. Prints one table per figure with the growth exponent from 10k to 50k entities.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { refEdit } from './edits';
import { shapedWorkspace, type Shape } from './shapes';
import { median, percentile } from './stats';

const repo = resolve(__dirname, '../..');
const CLI = join(repo, 'dist/cli.js');

interface Figures {
  [figure: string]: number;
}

/** A generated workspace written to a fresh temporary folder. */
export function writeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** Wall and CPU time (user + system, from GNU time when installed) of `strata check`, medians. */
function coldCheck(dir: string, runs: number): { wall: number; cpu: number | undefined } {
  const wall: number[] = [];
  const cpu: number[] = [];
  const gnuTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    // Exit code 1 (findings) is a finished run.
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, CLI, 'check', dir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, [CLI, 'check', dir], { stdio: 'ignore' });
    wall.push(performance.now() - t);
    const m = gnuTime ? /([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr)) : null;
    if (m) cpu.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return { wall: median(wall), cpu: cpu.length ? median(cpu) : undefined };
}

function neovim(dir: string, file: string, edits: number): { first: number; p50: number; p95: number } | string {
  if (spawnSync('nvim', ['--version']).status !== 0) return 'nvim not installed';
  const out = join(dir, '.nvim-result.json');
  const e = refEdit(readFileSync(join(dir, file), 'utf8'));
  const env = {
    ...process.env,
    STRATA_ROOT: dir,
    STRATA_FILE: file,
    STRATA_OUT: out,
    STRATA_CLI: CLI,
    STRATA_NODE: process.execPath,
    STRATA_GOOD: e.good,
    STRATA_BAD: e.bad,
    STRATA_EDITS: String(edits),
  };
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(repo, 'bench/neovim-bench.lua')], { env, stdio: 'ignore', timeout: 600_000 });
  if (r.status !== 0) return `nvim exited ${r.status}`;
  const res = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; first_ms: number; edits: number[] };
  if (res.error) return res.error;
  return { first: res.first_ms, p50: percentile(res.edits, 0.5), p95: percentile(res.edits, 0.95) };
}

/** Figures of one shape at one size; each in a fresh process. */
function measure(shape: Shape, entities: number): Figures {
  const ws = shapedWorkspace(shape, entities);
  const dir = writeWorkspace(ws.files);
  try {
    const f: Figures = { files: Object.keys(ws.files).length, bigLines: ws.files[ws.big]!.split('\n').length };
    const check = coldCheck(dir, entities > 20000 ? 3 : 5);
    f['check cold ms'] = check.wall;
    if (check.cpu !== undefined) f['check cold cpu ms'] = check.cpu;
    const lsp = JSON.parse(execFileSync(process.execPath, [join(repo, 'out/bench/lsp-process.js'), dir, ws.big, ws.small], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 1_200_000 }));
    f['first publish ms'] = lsp.firstPublishMs;
    f['first publish cpu'] = lsp.firstCpuMs;
    f['edit big p50'] = lsp.editBig.p50;
    f['edit big p95'] = lsp.editBig.p95;
    f['edit big cpu mean'] = lsp.editBigCpuMs;
    f['edit small p50'] = lsp.editSmall.p50;
    f['edit small p95'] = lsp.editSmall.p95;
    f['edit small cpu mean'] = lsp.editSmallCpuMs;
    for (const req of ['completion', 'hover', 'definition']) {
      f[`${req} p50`] = lsp[req].p50;
      f[`${req} p95`] = lsp[req].p95;
    }
    f['peak RSS MB'] = lsp.peakMb;
    f['retained RSS MB'] = lsp.retainedMb;
    const nv = neovim(dir, ws.big, entities > 20000 ? 6 : 10);
    if (typeof nv === 'string') console.log(`    neovim: ${nv}`);
    else {
      f['nvim first ms'] = nv.first;
      f['nvim edit p50'] = nv.p50;
      f['nvim edit p95'] = nv.p95;
    }
    return f;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const label = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s} (write 1k, 10k, 50k or a number)`);
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
}

export function benchShapes(shapes: Shape[], sizes: number[]): void {
  console.log(`workspace shapes: strata check as a process (median of 5, 3 at 50k); the language server as a process`);
  console.log('(node dist/cli.js lsp --stdio) under a real client: initialize → first publish, 52 edits alternating between the');
  console.log("biggest file and a small one (each toggles a ref, so a publish follows), 60 of each request, the server's peak RSS");
  console.log('after 50 edits and its RSS a second after the requests; headless Neovim: start → first diagnostics published, then, in the biggest file,');
  console.log('edit → diagnostics seen. "cpu": CPU time of the process (load-independent; server: mean per edit, 10 ms ticks). Exponent: log(t50k/t10k)/log(5), flagged (!) above 1.15.');
  for (const shape of shapes) {
    const rows = new Map<number, Figures>();
    for (const n of sizes) {
      const f = measure(shape, n);
      rows.set(n, f);
      // Each size as it is measured, so that a run cut short still shows what it measured.
      console.log(`  ${shape} ${label(n)}: ${JSON.stringify(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`);
    }
    const figures = [...new Set([...rows.values()].flatMap((r) => Object.keys(r)))];
    console.log(`\n  shape ${shape}`);
    console.log(`    ${'figure'.padEnd(20)}${sizes.map((n) => label(n).padStart(10)).join('')}   exponent 10k→50k`);
    for (const fig of figures) {
      const v = (n: number) => rows.get(n)?.[fig];
      const cells = sizes.map((n) => (v(n) === undefined ? '-' : fig === 'files' || fig === 'bigLines' ? String(v(n)) : v(n)!.toFixed(1)).padStart(10));
      const [a, b] = [v(10000), v(50000)];
      const exp = a && b && fig !== 'files' && fig !== 'bigLines' ? Math.log(b / a) / Math.log(5) : undefined;
      console.log(`    ${fig.padEnd(20)}${cells.join('')}   ${exp === undefined ? '' : `${exp.toFixed(2)}${exp > 1.15 ? ' (!)' : ''}`}`);
    }
  }
  console.log('  targets (2 cores): check 10k ≤ 1000 ms, 50k ≤ 5000 ms; first publish 10k ≤ 1500 ms; edit 10k big p50 ≤ 100 ms, p95 ≤ 150 ms;');
  console.log('  small ≤ 50 ms; completion p95 ≤ 30 ms; 50k peak RSS after 50 edits ≤ 500 MB; Neovim edit 10k ≤ 200 ms');
}
