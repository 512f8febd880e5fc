export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : NaN;
}

/** How long each of `n` runs takes, one after another, in ms. */
export async function timeRuns(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Runs a child process of the benchmark: prints what `main` measured as JSON and exits; a failure exits 1 with its stack. */
export function runChild(main: () => Promise<unknown>): void {
  main().then(
    (measured) => {
      process.stdout.write(JSON.stringify(measured));
      process.exit(0);
    },
    (err) => {
      process.stderr.write(String(err instanceof Error ? err.stack : err));
      process.exit(1);
    },
  );
}
