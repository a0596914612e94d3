import { Logger } from '@nestjs/common';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/logging/clock';
import { RetentionService } from '../../src/logging/retention.service';
import { testConfigService } from '../support/test-config';

describe('RetentionService', () => {
  let directory: string;
  const clock = { now: () => new Date('2025-03-31T01:00:00.000Z') } as Clock;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-retention-'));
    vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(directory, { recursive: true, force: true });
  });

  async function touch(...segments: string[]): Promise<void> {
    await mkdir(join(directory, ...segments.slice(0, -1)), { recursive: true });
    await writeFile(join(directory, ...segments), '{}\n');
  }

  const list = async (...segments: string[]) => (await readdir(join(directory, ...segments))).sort();

  function service(retention: { usage: number; errors: number; debug: number }, shared = false) {
    const usagePath = join(directory, shared ? 'logs' : 'usage');
    const errorsPath = join(directory, shared ? 'logs' : 'errors');
    const configService = testConfigService({
      logging: {
        usage: { enabled: true, storagePath: usagePath, retentionDays: retention.usage },
        errors: { storagePath: errorsPath, retentionDays: retention.errors },
        debug: { enabled: false, captureRequests: true, captureResponses: true, storagePath: join(directory, 'debug'), retentionDays: retention.debug },
      },
    });
    return new RetentionService(configService, clock);
  }

  it('deletes exactly the files older than retentionDays, by the date in their name, and leaves foreign files', async () => {
    // Today is 2025-03-31: keeping 30 days keeps 2025-03-01 and later.
    for (const day of ['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-31']) await touch('usage', `usage-${day}.jsonl`);
    await touch('usage', 'usage-notes.jsonl');
    await touch('usage', 'usage-2025-02-01.jsonl.bak');
    await touch('usage', 'errors-2025-01-01.jsonl');
    await touch('usage', 'README.md');
    // Errors keep 7 days: 2025-03-24 and later.
    for (const day of ['2025-03-23', '2025-03-24']) await touch('errors', `errors-${day}.jsonl`);
    await touch('errors', 'usage-2020-01-01.jsonl');
    // Debug keeps 1 day: 2025-03-30 and later.
    await touch('debug', '2025-03-29', 'req-1.json');
    await touch('debug', '2025-03-29', 'req-2.json');
    await touch('debug', '2025-03-28', 'req-3.json');
    await touch('debug', '2025-03-28', 'keep-me.txt');
    await touch('debug', '2025-03-30', 'req-4.json');
    await touch('debug', 'archive', 'req-5.json');

    const report = await service({ usage: 30, errors: 7, debug: 1 }).run();

    expect(await list('usage')).toEqual(['README.md', 'errors-2025-01-01.jsonl', 'usage-2025-02-01.jsonl.bak', 'usage-2025-03-01.jsonl', 'usage-2025-03-31.jsonl', 'usage-notes.jsonl']);
    expect(await list('errors')).toEqual(['errors-2025-03-24.jsonl', 'usage-2020-01-01.jsonl']);
    expect(await list('debug')).toEqual(['2025-03-28', '2025-03-30', 'archive']);
    expect(await list('debug', '2025-03-28')).toEqual(['keep-me.txt']);
    expect(report.usage.map((path) => path.slice(directory.length))).toEqual(['/usage/usage-2025-02-28.jsonl', '/usage/usage-2025-02-27.jsonl']);
    expect(report.errors.map((path) => path.slice(directory.length))).toEqual(['/errors/errors-2025-03-23.jsonl']);
    expect(report.debug.map((path) => path.slice(directory.length)).sort()).toEqual(['/debug/2025-03-28/req-3.json', '/debug/2025-03-29/req-1.json', '/debug/2025-03-29/req-2.json']);
  });

  it('keeps each log to its own retention when usage and errors share a folder', async () => {
    for (const day of ['2025-03-01', '2025-03-20']) {
      await touch('logs', `usage-${day}.jsonl`);
      await touch('logs', `errors-${day}.jsonl`);
    }
    await service({ usage: 15, errors: 60, debug: 1 }, true).run();
    expect(await list('logs')).toEqual(['errors-2025-03-01.jsonl', 'errors-2025-03-20.jsonl', 'usage-2025-03-20.jsonl']);
  });

  it('does nothing for missing folders or a retention of 0 days, and logs what it removed', async () => {
    await touch('usage', 'usage-2000-01-01.jsonl');
    const logged = vi.mocked(Logger.prototype.log);
    expect(await service({ usage: 0, errors: 7, debug: 7 }).run()).toEqual({ usage: [], errors: [], debug: [] });
    expect(await list('usage')).toEqual(['usage-2000-01-01.jsonl']);
    expect(logged).not.toHaveBeenCalled();

    await service({ usage: 1, errors: 7, debug: 7 }).run();
    expect(await list('usage')).toEqual([]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('retention removed 1 usage file(s)'));
  });
});
