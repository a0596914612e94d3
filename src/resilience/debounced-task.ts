/**
 * Runs an async task at most once per `delayMs` however often it is asked for, never two runs at
 * once, and always once more after a request that arrived while a run was in flight (so the
 * last state is the one that lands).
 */
export class DebouncedTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;

  constructor(
    private readonly delayMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(): void {
    this.pending = true;
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Runs now if anything is pending and waits until nothing is pending or running. */
  async flush(): Promise<void> {
    while (this.running || this.pending) {
      this.clearTimer();
      if (this.running) await this.running;
      else await this.run();
    }
  }

  /** Drops a scheduled run that has not started (a run in flight still finishes). */
  cancel(): void {
    this.clearTimer();
    this.pending = false;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (!this.pending) return;
    this.pending = false;
    this.running = this.task().catch(this.onError);
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    if (this.pending) this.schedule();
  }
}
