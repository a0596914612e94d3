import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Counts tokens on a worker thread. Loading the o200k tokenizer takes ~0.5 s and ~70 MB, and
 * tokenizing is CPU work: neither may stall the event loop that serves requests, and an idle
 * gateway should not pay for them. The worker starts on first use and stops after a minute idle.
 */
export class TokenCountWorker {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (counts: number[]) => void; reject: (error: Error) => void }>();
  private idleTimer?: NodeJS.Timeout;

  count(texts: string[]): Promise<number[]> {
    const worker = this.start();
    const id = this.nextId++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const tokenizerPath = createRequire(__filename).resolve('gpt-tokenizer/encoding/o200k_base');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { tokenizerPath } });
    worker.unref();
    worker.on('message', (message: { id: number; counts?: number[]; error?: string }) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.counts) waiter?.resolve(message.counts);
      else waiter?.reject(new Error(message.error ?? 'token count failed'));
      if (this.pending.size === 0) this.scheduleIdleStop();
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('token count worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private scheduleIdleStop(): void {
    this.idleTimer = setTimeout(() => void this.close(), 60_000);
    this.idleTimer.unref();
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** Plain CommonJS, evaluated in the worker; the sampling rules live in estimate-usage.ts. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { countTokens } = require(workerData.tokenizerPath);
const options = { disallowedSpecial: new Set() };
parentPort.on('message', ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, counts: texts.map((text) => (text ? countTokens(text, options) : 0)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;
