/**
 * When to restart a crashed language server. Crashes in a row back off (1 s, 2 s, 5 s, 10 s,
 * 30 s) so a server that dies at start-up does not spin; a server that stayed up for a while
 * earns a fresh start. After `maxCrashes` crashes in a row the client stops trying and leaves
 * the restart to the user. No vscode import, so the policy is unit-tested in plain Node.
 */
export interface RestartDecision {
  restart: boolean;
  delayMs: number;
  /** Crashes in a row, this one included. */
  crashes: number;
}

export class RestartPolicy {
  private crashesInRow = 0;
  private startedAt: number | undefined;

  constructor(
    private readonly delaysMs: readonly number[] = [1000, 2000, 5000, 10000, 30000],
    private readonly healthyAfterMs = 3 * 60 * 1000,
    private readonly maxCrashes = 6,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server reached the running state. */
  started(): void {
    this.startedAt = this.now();
  }

  /** The user restarted the server: forget earlier crashes. */
  reset(): void {
    this.crashesInRow = 0;
    this.startedAt = undefined;
  }

  crashed(): RestartDecision {
    if (this.startedAt !== undefined && this.now() - this.startedAt >= this.healthyAfterMs) this.crashesInRow = 0;
    this.startedAt = undefined;
    this.crashesInRow++;
    const delayMs = this.delaysMs[Math.min(this.crashesInRow - 1, this.delaysMs.length - 1)] ?? 0;
    return { restart: this.crashesInRow <= this.maxCrashes, delayMs, crashes: this.crashesInRow };
  }
}
