import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUsageLine } from '../../src/logging/to-usage-line';
import { UsageQueryService } from '../../src/logging/usage-query.service';
import type { UsageRecord } from '../../src/logging/usage-record';
import { testConfigService } from '../support/test-config';
import { completedRequest } from './completed-request';

/**
 * The read paths at scale. By default 200,000 records (about 140 MB) so the suite stays quick;
 * the summary must then stay within the million-record budget (5 s) in CPU time, which a busy
 * CI machine inflates far less than wall time. PLEXUS_SCALE_RECORDS=1000000 runs the real
 * million-record case against 5 s of wall time, on a machine that is not busy with other work.
 */
const TOTAL_RECORDS = Number(process.env.PLEXUS_SCALE_RECORDS ?? 200_000);
const RECORDS_PER_DAY = 100_000;
const DAYS = Math.ceil(TOTAL_RECORDS / RECORDS_PER_DAY);
const KEYS = ['team-a', 'team-b', 'team-c', 'team-d'];
const SUMMARY_BUDGET_MS = 5000 * Math.max(1, TOTAL_RECORDS / 1_000_000);
const MEASURE_WALL_TIME = process.env.PLEXUS_SCALE_RECORDS !== undefined;

/** Lines exactly as the recorder writes them, varied in id, time and key. */
async function writeRecords(directory: string): Promise<void> {
  const cost = { input: 0.0025, cached: 0, cacheWrite: 0, output: 0.002, reasoning: 0, total: 0.0045, currency: 'USD', source: 'models', discount: 1 } as const;
  const record: UsageRecord = { ...completedRequest({ requestId: '@ID@', timestamp: '@TIME@', keyName: '@KEY@' }), cost, outputTokensPerSecond: 200 };
  const template = JSON.stringify(toUsageLine(record, (text) => text));
  const [beforeId, afterId] = template.split('@ID@');
  const [middle, afterTime] = afterId.split('@TIME@');
  const [beforeKey, tail] = afterTime.split('@KEY@');
  for (let day = 0; day < DAYS; day++) {
    const date = `2025-02-${String(day + 1).padStart(2, '0')}`;
    const dayStart = Date.parse(`${date}T00:00:00.000Z`);
    const count = Math.min(RECORDS_PER_DAY, TOTAL_RECORDS - day * RECORDS_PER_DAY);
    const lines: string[] = new Array(count);
    for (let index = 0; index < count; index++) {
      const time = new Date(dayStart + Math.floor((index * 86_400) / count) * 1000).toISOString();
      lines[index] = `${beforeId}${date}-${index}${middle}${time}${beforeKey}${KEYS[index % KEYS.length]}${tail}`;
    }
    await writeFile(join(directory, `usage-${date}.jsonl`), `${lines.join('\n')}\n`);
  }
}

describe(`usage log at ${TOTAL_RECORDS} records`, () => {
  let directory: string;
  let service: UsageQueryService;
  const lastDay = `2025-02-${String(DAYS).padStart(2, '0')}`;
  const lastDayCount = TOTAL_RECORDS - (DAYS - 1) * RECORDS_PER_DAY;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-scale-'));
    await writeRecords(directory);
    service = new UsageQueryService(testConfigService({ logging: { usage: { enabled: true, storagePath: directory, retentionDays: 3650 } } }));
  }, 300_000);

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('serves the first page in under 200 ms (it reads only the end of the newest file), then pages on', async () => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const page = await service.query({ limit: 100 });
    const cpu = process.cpuUsage(cpuBefore);
    const elapsed = MEASURE_WALL_TIME ? performance.now() - started : (cpu.user + cpu.system) / 1000;
    expect(page.records).toHaveLength(100);
    expect(page.records[0].requestId).toBe(`${lastDay}-${lastDayCount - 1}`);
    expect(page.records[99].requestId).toBe(`${lastDay}-${lastDayCount - 100}`);
    expect(elapsed).toBeLessThan(200);

    const next = await service.query({ limit: 100, cursor: page.nextCursor, apiKey: KEYS[(lastDayCount - 101) % KEYS.length] });
    expect(next.records[0].requestId).toBe(`${lastDay}-${lastDayCount - 101}`);
    expect(next.records[1].requestId).toBe(`${lastDay}-${lastDayCount - 105}`);
  });

  it(`summarises all of it within ${SUMMARY_BUDGET_MS} ms of ${MEASURE_WALL_TIME ? 'wall' : 'CPU'} time`, async () => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await service.summary({ groupBy: 'apiKey' });
    const cpu = process.cpuUsage(cpuBefore);
    const elapsed = MEASURE_WALL_TIME ? performance.now() - started : (cpu.user + cpu.system) / 1000;
    expect(summary.groups.reduce((total, group) => total + group.requests, 0)).toBe(TOTAL_RECORDS);
    expect(summary.groups.map((group) => group.key).sort()).toEqual(KEYS);
    expect(summary.groups.reduce((total, group) => total + group.cost, 0)).toBeCloseTo(0.0045 * TOTAL_RECORDS, 6);
    expect(elapsed).toBeLessThan(SUMMARY_BUDGET_MS);
  }, 120_000);
});
