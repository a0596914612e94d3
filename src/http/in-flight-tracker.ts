import type { ServerResponse } from 'node:http';

/** Counts responses not yet closed, so a graceful shutdown knows when in-flight work is done. */
export class InFlightTracker {
  private open = 0;
  private waiters: Array<() => void> = [];

  get count(): number {
    return this.open;
  }

  track(response: ServerResponse): void {
    this.open++;
    response.once('close', () => {
      this.open--;
      if (this.open === 0) for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves true when nothing is in flight, false when `timeoutMs` passed first. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.open === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(wake);
    });
  }
}
