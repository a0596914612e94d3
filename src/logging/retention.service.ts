import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigService } from '../config/config.service';
import { Clock } from './clock';
import { listLogFiles } from './list-log-files';
import { isDay, type LogKind } from './log-file-name';
import { retentionCutoffDay } from './retention-cutoff-day';

export interface RetentionReport {
  /** Paths removed, per log. */
  usage: string[];
  errors: string[];
  debug: string[];
}

/**
 * Deletes usage, error and debug files older than their `retentionDays`, judged by the date in
 * the file or folder name (mtime changes on copy and restore). Runs daily and once at start-up.
 * Only touches names it writes itself: `usage-YYYY-MM-DD.jsonl`, `errors-YYYY-MM-DD.jsonl`, and
 * `*.json` inside debug `YYYY-MM-DD` folders (the folder goes when that leaves it empty).
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionService.name);
  private running?: Promise<RetentionReport>;

  constructor(
    private readonly configService: ConfigService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.run();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'log-retention', timeZone: 'UTC' })
  scheduledRun(): Promise<RetentionReport> {
    return this.run();
  }

  /** One pass; concurrent calls share it. Never rejects: a failure is logged and reported as nothing removed. */
  run(): Promise<RetentionReport> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<RetentionReport> {
    const now = this.clock.now();
    const logging = this.configService.config.logging;
    const report: RetentionReport = {
      usage: await this.attempt('usage', () => this.sweepLog('usage', logging.usage.storagePath, retentionCutoffDay(now, logging.usage.retentionDays))),
      errors: await this.attempt('errors', () => this.sweepLog('errors', logging.errors.storagePath, retentionCutoffDay(now, logging.errors.retentionDays))),
      debug: await this.attempt('debug', () => this.sweepDebug(logging.debug.storagePath, retentionCutoffDay(now, logging.debug.retentionDays))),
    };
    for (const [log, removed] of Object.entries(report)) {
      if (removed.length > 0) this.logger.log(`retention removed ${removed.length} ${log} file(s): ${removed.join(', ')}`);
    }
    return report;
  }

  private async sweepLog(kind: LogKind, directory: string, cutoffDay: string | undefined): Promise<string[]> {
    if (!cutoffDay) return [];
    const removed: string[] = [];
    for (const file of await listLogFiles(directory, kind)) {
      if (file.day >= cutoffDay) continue;
      await unlink(file.path);
      removed.push(file.path);
    }
    return removed;
  }

  private async sweepDebug(directory: string, cutoffDay: string | undefined): Promise<string[]> {
    if (!cutoffDay) return [];
    const removed: string[] = [];
    for (const day of await readdirOrEmpty(directory)) {
      if (!isDay(day) || day >= cutoffDay) continue;
      const folder = join(directory, day);
      const names = await readdirOrEmpty(folder);
      for (const name of names.filter((candidate) => candidate.endsWith('.json'))) {
        await unlink(join(folder, name));
        removed.push(join(folder, name));
      }
      if (names.every((name) => name.endsWith('.json'))) await rmdir(folder);
    }
    return removed;
  }

  private async attempt(log: string, sweep: () => Promise<string[]>): Promise<string[]> {
    try {
      return await sweep();
    } catch (error) {
      this.logger.error(`retention of the ${log} log failed: ${(error as Error).message}`);
      return [];
    }
  }
}

async function readdirOrEmpty(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
