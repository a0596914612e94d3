import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigService } from '../config/config.service';
import { logFileName, utcDay, type LogKind } from './log-file-name';
import { RecordSink, type SinkHealth } from './record-sink';

interface QueuedLine {
  kind: LogKind;
  day: string;
  /** The JSON text with its trailing newline. */
  text: string;
}

const FLUSH_INTERVAL_MS = 1000;
const ERROR_LOG_INTERVAL_MS = 60_000;
/** Memory bound while the disk is failing: about 64 MB of queued JSON. */
const DEFAULT_MAX_QUEUED_CHARS = 64 * 1024 * 1024;

/**
 * Buffered appender for the daily JSONL logs. `append` only queues; a timer writes each file's
 * batch with one async append at least every second, and `flush()` (also run at shutdown) writes
 * the rest. A crash loses at most the last second and leaves at worst one partial line, which
 * every reader skips. Write failures never reach the caller: lines stay queued (bounded, oldest
 * dropped first) and are retried every tick until the disk recovers.
 */
@Injectable()
export class JsonlRecordSink extends RecordSink implements OnApplicationShutdown {
  /** Mutable for tests of the overflow path. */
  maxQueuedChars = DEFAULT_MAX_QUEUED_CHARS;
  private readonly logger = new Logger('UsageLog');
  private queue: QueuedLine[] = [];
  private queuedChars = 0;
  private dropped = 0;
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private busy = false;
  private failure?: { message: string; since: Date; loggedAt: number };
  /** Files whose end we already checked for a partial line left by a crash. */
  private readonly checkedFiles = new Set<string>();
  private lastDay = '';

  constructor(private readonly configService: ConfigService) {
    super();
  }

  append(kind: LogKind, at: string, record: object): void {
    let text: string;
    try {
      text = `${JSON.stringify(record)}\n`;
    } catch (error) {
      this.logger.error(`dropped an unserialisable ${kind} record: ${(error as Error).message}`);
      return;
    }
    this.queue.push({ kind, day: this.dayOf(at), text });
    this.queuedChars += text.length;
    if (this.queuedChars > this.maxQueuedChars) this.dropOldest();
    this.timer ??= setInterval(() => this.busy || void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  /**
   * The UTC day of a record's time. Records arrive with `toISOString()` times of the same day
   * almost always, so the last day is reused without parsing a Date per line.
   */
  private dayOf(at: string): string {
    if (this.lastDay !== '' && at.length === 24 && at.startsWith(this.lastDay) && at[10] === 'T' && at[23] === 'Z') return this.lastDay;
    const day = utcDay(at) ?? utcDay(Date.now())!;
    this.lastDay = day;
    return day;
  }

  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeQueued()).catch((error: Error) => this.noteOutcome(error));
    return this.writing;
  }

  health(): SinkHealth {
    const health: SinkHealth = { ok: !this.failure, queued: this.queue.length, dropped: this.dropped };
    if (this.failure) {
      health.lastError = this.failure.message;
      health.since = this.failure.since.toISOString();
    }
    return health;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    this.busy = true;
    const batch = this.queue;
    this.queue = [];
    this.queuedChars = 0;
    const failed: QueuedLine[] = [];
    let lastError: Error | undefined;
    try {
      for (const [path, lines] of this.groupByFile(batch)) {
        try {
          await this.appendLines(path, lines);
        } catch (error) {
          lastError = error as Error;
          failed.push(...lines);
        }
      }
    } finally {
      if (failed.length > 0) this.requeue(failed);
      this.busy = false;
    }
    this.noteOutcome(lastError);
  }

  /** The batch by file; the path is built once per file, not per line (a flush can hold thousands). */
  private groupByFile(batch: QueuedLine[]): Map<string, QueuedLine[]> {
    const byFileName = new Map<string, QueuedLine[]>();
    for (const line of batch) {
      const fileName = logFileName(line.kind, line.day);
      const group = byFileName.get(fileName);
      if (group) group.push(line);
      else byFileName.set(fileName, [line]);
    }
    const logging = this.configService.config.logging;
    const groups = new Map<string, QueuedLine[]>();
    for (const [fileName, lines] of byFileName) {
      const directory = lines[0].kind === 'usage' ? logging.usage.storagePath : logging.errors.storagePath;
      groups.set(join(directory, fileName), lines);
    }
    return groups;
  }

  private async appendLines(path: string, lines: QueuedLine[]): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    // A crash mid-write can leave a line without its newline; start on a fresh line so only
    // that partial line is lost, not the first line of this batch.
    const separator = this.checkedFiles.has(path) ? '' : await this.separatorFor(path);
    await appendFile(path, separator + lines.map((line) => line.text).join(''));
    if (this.checkedFiles.size > 64) this.checkedFiles.clear();
    this.checkedFiles.add(path);
  }

  private async separatorFor(path: string): Promise<string> {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return '';
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a ? '' : '\n';
    } finally {
      await handle.close();
    }
  }

  private requeue(failed: QueuedLine[]): void {
    this.queue = failed.concat(this.queue);
    this.queuedChars = this.queue.reduce((total, line) => total + line.text.length, 0);
    if (this.queuedChars > this.maxQueuedChars) this.dropOldest();
  }

  /** Drops the oldest lines until the queue is 10% under its bound (amortises the cost). */
  private dropOldest(): void {
    const target = this.maxQueuedChars * 0.9;
    let count = 0;
    while (count < this.queue.length && this.queuedChars > target) {
      this.queuedChars -= this.queue[count].text.length;
      count += 1;
    }
    this.queue.splice(0, count);
    this.dropped += count;
  }

  private noteOutcome(error: Error | undefined): void {
    const now = Date.now();
    if (!error) {
      if (this.failure) {
        const seconds = Math.round((now - this.failure.since.getTime()) / 1000);
        this.logger.log(`log writes recovered after ${seconds}s (${this.dropped} lines dropped so far)`);
        this.failure = undefined;
      }
      return;
    }
    if (!this.failure) {
      this.failure = { message: error.message, since: new Date(now), loggedAt: now };
    } else {
      this.failure.message = error.message;
      if (now - this.failure.loggedAt < ERROR_LOG_INTERVAL_MS) return;
      this.failure.loggedAt = now;
    }
    this.logger.error(`cannot write usage/error logs, keeping ${this.queue.length} lines queued and retrying: ${error.message}`);
  }
}
